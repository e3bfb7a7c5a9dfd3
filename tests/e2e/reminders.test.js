// A daily reminder end to end (issue 12): set in Settings one minute ahead, it appears as a system
// notification, through the real notification plugin, to a notification service on the test's private
// session bus (fakeNotifications.js, which records what it is asked to show).
import assert from "node:assert/strict";
import { test } from "node:test";
import { startFakeNotifications } from "./fakeNotifications.js";
import { invoke, withApp } from "./harness.js";
import { click, fillField, onboard, waitForText } from "./ui.js";

const pad = (n) => String(n).padStart(2, "0");

test("a reminder set a minute ahead arrives as a notification", async (t) => {
  const notifications = await startFakeNotifications();
  t.after(() => notifications.stop());
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    await click(b, "Settings");
    await waitForText(b, "Reminders");
    await click(b, "Add a reminder");
    const next = new Date(Date.now() + 60_000);
    const time = `${pad(next.getHours())}:${pad(next.getMinutes())}`;
    await fillField(b, "Time", time);
    await click(b, "Save reminder");
    const { ok: profile } = await invoke(b, "active_profile");
    const { ok: saved } = await invoke(b, "list_reminders", { profileId: profile.id });
    assert.equal(saved.length, 1);
    assert.equal(saved[0].time, time);
    assert.equal(saved[0].kind, "checkin");
    assert.equal(saved[0].days.length, 7, "every day unless chosen");

    await b.waitUntil(async () => notifications.shown.length > 0, {
      timeout: 90_000,
      interval: 500,
      timeoutMsg: `no notification by ${time} + 30 s`,
    });
    assert.deepEqual(
      notifications.shown.map(({ summary, body }) => ({ summary, body })),
      [{ summary: "Wbot", body: "How are you feeling? Take a moment for a check-in." }],
    );
  });
});
