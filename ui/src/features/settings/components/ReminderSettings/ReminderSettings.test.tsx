import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError, type ReminderInput } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { openSettings } from "../../../../test/settings";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function reminder(input: Partial<ReminderInput> = {}): ReminderInput {
  return {
    id: null,
    kind: "checkin",
    time: "08:30",
    days: ["mon", "wed"],
    enabled: true,
    ...input,
  };
}

/** The day toggles of the open form, in order, with whether each is pressed. */
function dayToggles() {
  const group = screen.getByRole("group", { name: "Days" });
  return within(group)
    .getAllByRole("button")
    .map((b) => [b.textContent, b.getAttribute("aria-pressed")]);
}

/** The list item of the reminder whose switch is named `name`. */
function rowOf(name: string | RegExp): HTMLElement {
  const row = screen.getByRole("switch", { name }).closest("li");
  if (row === null) throw new Error(`no list item holds ${String(name)}`);
  return row;
}

function stored(backend: FakeBackend, profileId: string) {
  return backend.reminders.items.filter((r) => r.profileId === profileId);
}

describe("Reminder settings", () => {
  it("adds a reminder: a check-in every day unless changed, saved and listed", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Reminders");
    const section = screen.getByRole("region", { name: "Reminders" });
    expect(section).toHaveTextContent("while Wbot is running");
    expect(section).toHaveTextContent("is not sent later");
    expect(within(section).getByText("No reminders yet.")).toBeInTheDocument();

    await user.click(within(section).getByRole("button", { name: "Add a reminder" }));
    const kind = screen.getByRole("combobox", { name: "Kind" });
    expect(kind).toHaveValue("checkin");
    expect(within(kind).getByRole("option", { selected: true })).toHaveTextContent("Mood check-in");
    const time = screen.getByLabelText("Time");
    expect(time).toHaveAttribute("type", "time");
    expect(dayToggles()).toEqual(WEEKDAYS.map((d) => [d, "true"]));

    await user.selectOptions(kind, "Practice");
    await user.clear(time);
    await user.type(time, "07:45");
    await user.click(screen.getByRole("button", { name: "Sat" }));
    await user.click(screen.getByRole("button", { name: "Sun" }));
    expect(dayToggles().map(([, pressed]) => pressed)).toEqual([
      "true",
      "true",
      "true",
      "true",
      "true",
      "false",
      "false",
    ]);
    await user.click(screen.getByRole("button", { name: "Save reminder" }));

    const item = await within(section).findByRole("switch", {
      name: "Practice at 07:45 · Mon, Tue, Wed, Thu, Fri",
    });
    expect(item).toHaveAttribute("aria-checked", "true");
    expect(screen.queryByRole("button", { name: "Save reminder" })).not.toBeInTheDocument();
    expect(stored(backend, ana.id)).toMatchObject([
      {
        kind: "practice",
        time: "07:45",
        days: ["mon", "tue", "wed", "thu", "fri"],
        enabled: true,
      },
    ]);
  });

  it("edits a reminder, and cancelling an edit changes nothing", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    await backend.saveReminder(ana.id, reminder());
    const { user } = await openSettings(backend, "Reminders");
    const name = "Mood check-in at 08:30 · Mon, Wed";
    await screen.findByRole("switch", { name });

    await user.click(within(rowOf(name)).getByRole("button", { name: "Edit" }));
    await user.clear(screen.getByLabelText("Time"));
    await user.type(screen.getByLabelText("Time"), "11:11");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByLabelText("Time")).not.toBeInTheDocument();
    expect(stored(backend, ana.id)[0]).toMatchObject({ time: "08:30" });

    await user.click(within(rowOf(name)).getByRole("button", { name: "Edit" }));
    expect(screen.getByLabelText("Time")).toHaveValue("08:30");
    expect(screen.getByRole("combobox", { name: "Kind" })).toHaveValue("checkin");
    expect(dayToggles().filter(([, p]) => p === "true")).toEqual([
      ["Mon", "true"],
      ["Wed", "true"],
    ]);

    await user.clear(screen.getByLabelText("Time"));
    await user.type(screen.getByLabelText("Time"), "21:05");
    await user.click(screen.getByRole("button", { name: "Sun" }));
    await user.click(screen.getByRole("button", { name: "Mon" }));
    await user.click(screen.getByRole("button", { name: "Save reminder" }));

    expect(
      await screen.findByRole("switch", { name: "Mood check-in at 21:05 · Wed, Sun" }),
    ).toBeInTheDocument();
    expect(stored(backend, ana.id)).toHaveLength(1);
    expect(stored(backend, ana.id)[0]).toMatchObject({ time: "21:05", days: ["wed", "sun"] });
  });

  it("turns a reminder off and on at once, and it stays so after a reload", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    await backend.saveReminder(
      ana.id,
      reminder({ days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] }),
    );
    const { user, unmount } = await openSettings(backend, "Reminders");
    const name = "Mood check-in at 08:30 · Every day";

    await user.click(await screen.findByRole("switch", { name }));
    await waitFor(() => {
      expect(stored(backend, ana.id)[0]?.enabled).toBe(false);
    });
    expect(screen.getByRole("switch", { name })).toHaveAttribute("aria-checked", "false");

    unmount();
    const reloaded = await openSettings(backend, "Reminders");
    const again = await screen.findByRole("switch", { name });
    expect(again).toHaveAttribute("aria-checked", "false");

    await reloaded.user.click(again);
    await waitFor(() => {
      expect(stored(backend, ana.id)[0]?.enabled).toBe(true);
    });
    expect(screen.getByRole("switch", { name })).toHaveAttribute("aria-checked", "true");
    // Only the switch changed: the rest of the reminder is as it was.
    expect(stored(backend, ana.id)[0]).toMatchObject({ kind: "checkin", time: "08:30" });
  });

  it("deletes a reminder after confirming", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    await backend.saveReminder(ana.id, reminder());
    await backend.saveReminder(ana.id, reminder({ kind: "practice", time: "18:00" }));
    const { user } = await openSettings(backend, "Reminders");
    await screen.findByRole("switch", { name: /^Practice at 18:00/ });
    const row = rowOf(/^Practice at 18:00/);

    await user.click(within(row).getByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("dialog", { name: "Delete this reminder?" });
    expect(dialog).toHaveTextContent("“Practice at 18:00 · Mon, Wed” will no longer be sent.");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(stored(backend, ana.id)).toHaveLength(2);

    await user.click(within(row).getByRole("button", { name: "Delete" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    await waitFor(() => {
      expect(screen.queryByRole("switch", { name: /^Practice/ })).not.toBeInTheDocument();
    });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(stored(backend, ana.id)).toMatchObject([{ kind: "checkin" }]);
  });

  it("shows the core's word on a time that is not one, and keeps the form open", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Reminders");
    await user.click(screen.getByRole("button", { name: "Add a reminder" }));

    await user.clear(screen.getByLabelText("Time"));
    await user.click(screen.getByRole("button", { name: "Save reminder" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The reminder time (HH:MM, 24-hour) is not in the expected form.",
    );

    backend.failNext(
      "saveReminder",
      new BackendError("validation", "invalid_format", {
        subject: "reminder_time",
        value: "25:00",
      }),
    );
    await user.type(screen.getByLabelText("Time"), "10:00");
    await user.click(screen.getByRole("button", { name: "Save reminder" }));
    await waitFor(() => {
      expect(screen.getByRole("alert")).toHaveTextContent(
        "“25:00” is not valid as the reminder time (HH:MM, 24-hour).",
      );
    });
    expect(stored(backend, ana.id)).toEqual([]);
    expect(screen.getByRole("button", { name: "Save reminder" })).toBeInTheDocument();
  });

  it("keeps at least one day, and words the core's refusal of none", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Reminders");
    await user.click(screen.getByRole("button", { name: "Add a reminder" }));

    for (const day of WEEKDAYS.slice(0, 6)) {
      await user.click(screen.getByRole("button", { name: day }));
    }
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sun" }));
    expect(screen.getByRole("button", { name: "Sun" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("A reminder needs at least one day.");

    backend.failNext(
      "saveReminder",
      new BackendError("validation", "empty", { subject: "reminder_days" }),
    );
    await user.click(screen.getByRole("button", { name: "Tue" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save reminder" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The reminder's days cannot be empty; choose at least one day.",
    );
  });

  it("says when a profile already has the most reminders", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    for (let i = 0; i < 10; i++) {
      await backend.saveReminder(ana.id, reminder({ time: `1${String(i)}:00` }));
    }
    const { user } = await openSettings(backend, "Reminders");
    await user.click(await screen.findByRole("button", { name: "Add a reminder" }));
    await user.click(screen.getByRole("button", { name: "Save reminder" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "A profile can have at most 10 reminders; delete one first.",
    );
    expect(stored(backend, ana.id)).toHaveLength(10);
  });

  it("is in Spanish for a Spanish profile", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { locale: "es" });
    await backend.saveReminder(ana.id, reminder());
    const { user } = await openSettings(backend, "Recordatorios");

    expect(
      await screen.findByRole("switch", { name: "Registro de ánimo a las 08:30 · lun, mié" }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Añadir un recordatorio" }));
    expect(screen.getByRole("combobox", { name: "Tipo" })).toHaveDisplayValue("Registro de ánimo");
    expect(screen.getByLabelText("Hora")).toHaveAttribute("type", "time");
    expect(
      within(screen.getByRole("group", { name: "Días" }))
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]);
    expect(screen.getByRole("button", { name: "Guardar recordatorio" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Cancelar" })).toBeInTheDocument();
  });
});
