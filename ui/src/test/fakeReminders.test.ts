import { describe, expect, it } from "vitest";
import { toBackendError, type ReminderInput } from "../lib/backend";
import { FakeBackend } from "./fakeBackend";

const input = (change: Partial<ReminderInput> = {}): ReminderInput => ({
  id: null,
  kind: "checkin",
  time: "08:30",
  days: ["mon"],
  enabled: true,
  ...change,
});

function setUp() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  const bea = backend.seedProfile("Bea");
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, toBackendError);
  return { backend, ana, bea, refusal };
}

describe("the fake's reminders keep the core's rules", () => {
  it("takes a time only as HH:MM on a 24-hour clock", async () => {
    const { backend, ana, refusal } = setUp();
    for (const time of ["25:00", "24:00", "12:60", "7:30", "07:30:00", " 07:30", "", "ab:cd"]) {
      expect(await refusal(backend.saveReminder(ana.id, input({ time })))).toMatchObject({
        code: "validation",
        reason: "invalid_format",
        params: { subject: "reminder_time", value: time },
      });
    }
    for (const time of ["00:00", "23:59", "09:05"]) {
      await expect(backend.saveReminder(ana.id, input({ time }))).resolves.toMatchObject({ time });
    }
  });

  it("needs a day, and keeps the days Monday first", async () => {
    const { backend, ana, refusal } = setUp();
    expect(await refusal(backend.saveReminder(ana.id, input({ days: [] })))).toMatchObject({
      code: "validation",
      reason: "empty",
      params: { subject: "reminder_days" },
    });
    const saved = await backend.saveReminder(ana.id, input({ days: ["sun", "wed", "mon", "wed"] }));
    expect(saved.days).toEqual(["mon", "wed", "sun"]);
    expect((await backend.listReminders(ana.id))[0]?.days).toEqual(["mon", "wed", "sun"]);
  });

  it("keeps at most 10 reminders a profile, each profile its own", async () => {
    const { backend, ana, bea, refusal } = setUp();
    for (let i = 0; i < 10; i++) await backend.saveReminder(ana.id, input());
    expect(await refusal(backend.saveReminder(ana.id, input()))).toMatchObject({
      code: "validation",
      reason: "too_many_reminders",
      params: { max: 10 },
    });
    // A change is not a new one; another profile has room of its own.
    const first = (await backend.listReminders(ana.id))[0];
    await expect(
      backend.saveReminder(ana.id, input({ id: first?.id, enabled: false })),
    ).resolves.toMatchObject({ enabled: false });
    await expect(backend.saveReminder(bea.id, input())).resolves.toBeTruthy();
    expect(await backend.listReminders(bea.id)).toHaveLength(1);
  });

  it("finds no other profile's reminder, and no id that is not one", async () => {
    const { backend, ana, bea, refusal } = setUp();
    const beas = await backend.saveReminder(bea.id, input());
    const notFound = {
      code: "not_found",
      reason: "not_found",
      params: { subject: "reminder", value: beas.id },
    };
    expect(await refusal(backend.saveReminder(ana.id, input({ id: beas.id })))).toMatchObject(
      notFound,
    );
    expect(await refusal(backend.deleteReminder(ana.id, beas.id))).toMatchObject(notFound);
    expect(await refusal(backend.deleteReminder(ana.id, "nope"))).toMatchObject({
      code: "validation",
      reason: "invalid_format",
      params: { subject: "reminder", value: "nope" },
    });
    expect(await backend.listReminders(bea.id)).toHaveLength(1);
    await backend.deleteReminder(bea.id, beas.id);
    expect(await backend.listReminders(bea.id)).toEqual([]);
  });

  it("shows a notification only with a title and text that fit", async () => {
    const { backend, refusal } = setUp();
    expect(await refusal(backend.showNotification(" ", "Hi"))).toMatchObject({
      reason: "empty",
      params: { subject: "notification_text" },
    });
    expect(await refusal(backend.showNotification("Wbot", "x".repeat(301)))).toMatchObject({
      reason: "too_long",
      params: { subject: "notification_text", max: 300, actual: 301 },
    });
    await backend.showNotification("Wbot", "Hello");
    expect(backend.reminders.notifications).toEqual([{ title: "Wbot", body: "Hello" }]);
  });
});
