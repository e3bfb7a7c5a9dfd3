import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BackendError } from "../../../lib/backend";
import { FakeBackend } from "../../../test/fakeBackend";
import { reminderDueNotice } from "../../../test/fakeReminders";
import { renderApp } from "../../../test/renderApp";
import { dueReminder } from "./useReminderNotifications";

const CHECKIN_EN = "How are you feeling? Take a moment for a check-in.";
const PRACTICE_EN = "A few quiet minutes for yourself? Your practice is waiting.";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Ana (active, in `locale`) with a check-in and a practice reminder, and Bea with one of her own. */
async function withReminders(locale: "en" | "es" = "en") {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", { locale });
  const bea = backend.seedProfile("Bea");
  const base = { id: null, time: "08:30", days: ["mon" as const], enabled: true };
  const checkin = await backend.saveReminder(ana.id, { ...base, kind: "checkin" });
  const practice = await backend.saveReminder(ana.id, { ...base, kind: "practice" });
  const beas = await backend.saveReminder(bea.id, { ...base, kind: "practice" });
  renderApp(backend);
  await screen.findByRole("heading", { name: locale === "en" ? "Hi, Ana" : "Hola, Ana" });
  return { backend, ana, bea, checkin, practice, beas };
}

describe("reminder delivery", () => {
  it("shows the active profile's due reminders as notifications in English", async () => {
    const { backend, ana, checkin, practice } = await withReminders();

    backend.emitReminderDue({ profileId: ana.id, reminderId: checkin.id, reminderKind: "checkin" });
    await waitFor(() => {
      expect(backend.reminders.notifications).toEqual([{ title: "Wbot", body: CHECKIN_EN }]);
    });
    backend.emitReminderDue({
      profileId: ana.id,
      reminderId: practice.id,
      reminderKind: "practice",
    });
    await waitFor(() => {
      expect(backend.reminders.notifications).toEqual([
        { title: "Wbot", body: CHECKIN_EN },
        { title: "Wbot", body: PRACTICE_EN },
      ]);
    });
  });

  it("words them in Spanish for a Spanish profile", async () => {
    const { backend, ana, checkin, practice } = await withReminders("es");

    backend.emitReminderDue({ profileId: ana.id, reminderId: checkin.id, reminderKind: "checkin" });
    backend.emitReminderDue({
      profileId: ana.id,
      reminderId: practice.id,
      reminderKind: "practice",
    });
    await waitFor(() => {
      expect(backend.reminders.notifications).toHaveLength(2);
    });
    const bodies = backend.reminders.notifications.map((n) => n.body);
    expect(backend.reminders.notifications.map((n) => n.title)).toEqual(["Wbot", "Wbot"]);
    expect(bodies).toEqual([
      "¿Cómo te sientes? Tómate un momento para registrar tu ánimo.",
      "¿Unos minutos de calma para ti? Tu práctica te espera.",
    ]);
  });

  it("ignores another profile's reminders and other notices", async () => {
    const { backend, ana, bea, checkin, beas } = await withReminders();

    backend.emitReminderDue({ profileId: bea.id, reminderId: beas.id, reminderKind: "practice" });
    backend.memory.emit({
      kind: "progress",
      job: "memory.rebuild",
      profileId: ana.id,
      done: 1,
      total: 2,
    });
    backend.memory.emit({ kind: "memoryModel", loaded: true, modelId: "multilingual-e5-small" });
    // Then Ana's own, so the others have had their chance to show.
    backend.emitReminderDue({ profileId: ana.id, reminderId: checkin.id, reminderKind: "checkin" });
    await waitFor(() => {
      expect(backend.reminders.notifications).toHaveLength(1);
    });
    expect(backend.reminders.notifications[0]?.body).toBe(CHECKIN_EN);
  });

  it("only logs a notification the system would not show", async () => {
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    const { backend, ana, checkin } = await withReminders();
    backend.failNext(
      "showNotification",
      new BackendError("unavailable", "notifications_unavailable"),
    );
    backend.emitReminderDue({ profileId: ana.id, reminderId: checkin.id, reminderKind: "checkin" });
    await waitFor(() => {
      expect(debug).toHaveBeenCalled();
    });
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.reminders.notifications).toEqual([]);
  });
});

describe("a due reminder's notice", () => {
  it("is read as the shell sends it: tagged reminderDue, with the reminder's kind beside", () => {
    const notice = reminderDueNotice({ profileId: "p", reminderId: "r", reminderKind: "practice" });
    expect(notice.kind).toBe("reminderDue");
    expect(dueReminder(notice)).toEqual({
      profileId: "p",
      reminderId: "r",
      reminderKind: "practice",
    });
  });

  it("is not any other notice", () => {
    expect(
      dueReminder({ kind: "progress", job: "memory.rebuild", profileId: "p", done: 0, total: 1 }),
    ).toBeNull();
    expect(dueReminder({ kind: "memoryModel", loaded: false, modelId: "m" })).toBeNull();
  });
});
