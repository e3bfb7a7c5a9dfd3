import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import type { FakeBackend } from "../../../../test/fakeBackend";
import { from, itemIn, openWellness, withAna } from "../../../../test/seedWellness";

const TOPICS = "Topics you come back to";

/** The stored item of the profile (hidden ones too). */
function stored(backend: FakeBackend, itemId: string) {
  const found = backend.wellness.items.find((s) => s.item.id === itemId);
  if (found === undefined) throw new Error(`no item ${itemId}`);
  return found;
}

function seedWork() {
  const { backend, ana, items } = withAna([
    { kind: "topic", code: "work", value: 5, sources: from({ messages: 5 }) },
    { kind: "topic", code: "money", value: 3, sources: from({ messages: 3 }) },
    { kind: "trigger", code: "work", value: 2, sources: from({ checkins: 2 }) },
  ]);
  const [work, money, hardWork] = items as [
    (typeof items)[number],
    (typeof items)[number],
    (typeof items)[number],
  ];
  return { backend, ana, work, money, hardWork };
}

describe("LearnedItem", () => {
  it("adds, edits and clears a note in place, giving focus back to its button", async () => {
    const { backend, work } = seedWork();
    const { user } = await openWellness(backend);
    await screen.findByRole("region", { name: TOPICS });

    await user.click(
      within(itemIn(TOPICS, "Work")).getByRole("button", { name: "Add note to Work" }),
    );
    const field = screen.getByRole("textbox", { name: "Your note on Work" });
    expect(field).toHaveFocus();
    expect(field).toHaveValue("");
    expect(field).toHaveAccessibleDescription("0 / 200 characters");
    await user.type(field, "  Deadlines on Fridays ");
    expect(field).toHaveAccessibleDescription("20 / 200 characters");
    await user.click(screen.getByRole("button", { name: "Save" }));

    const item = itemIn(TOPICS, "Work");
    expect(await within(item).findByText("Deadlines on Fridays")).toBeVisible();
    expect(item).toHaveTextContent("Your note: Deadlines on Fridays");
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(stored(backend, work.id).item.note).toBe("Deadlines on Fridays");
    const edit = within(item).getByRole("button", { name: "Edit note on Work" });
    expect(edit).toHaveTextContent("Edit note");
    expect(edit).toHaveFocus();

    // Cancelling changes nothing.
    await user.click(edit);
    expect(screen.getByRole("textbox", { name: "Your note on Work" })).toHaveValue(
      "Deadlines on Fridays",
    );
    await user.type(screen.getByRole("textbox", { name: "Your note on Work" }), " and Mondays");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(itemIn(TOPICS, "Work")).toHaveTextContent("Your note: Deadlines on Fridays");
    expect(
      within(itemIn(TOPICS, "Work")).getByRole("button", { name: "Edit note on Work" }),
    ).toHaveFocus();

    // So does Escape.
    await user.click(
      within(itemIn(TOPICS, "Work")).getByRole("button", { name: "Edit note on Work" }),
    );
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();

    // Editing it.
    await user.click(
      within(itemIn(TOPICS, "Work")).getByRole("button", { name: "Edit note on Work" }),
    );
    const again = screen.getByRole("textbox", { name: "Your note on Work" });
    await user.clear(again);
    await user.type(again, "Mostly Mondays");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await within(itemIn(TOPICS, "Work")).findByText("Mostly Mondays")).toBeVisible();
    expect(stored(backend, work.id).item.note).toBe("Mostly Mondays");

    // An empty note clears it.
    await user.click(
      within(itemIn(TOPICS, "Work")).getByRole("button", { name: "Edit note on Work" }),
    );
    await user.clear(screen.getByRole("textbox", { name: "Your note on Work" }));
    await user.type(screen.getByRole("textbox", { name: "Your note on Work" }), "   ");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const add = await within(itemIn(TOPICS, "Work")).findByRole("button", {
      name: "Add note to Work",
    });
    expect(add).toHaveFocus();
    expect(itemIn(TOPICS, "Work")).not.toHaveTextContent("Your note");
    expect(stored(backend, work.id).item.note).toBe("");
  });

  it("keeps a note to 200 characters: a longer one is refused and stays to be shortened", async () => {
    const { backend, work } = seedWork();
    const { user } = await openWellness(backend);
    await screen.findByRole("region", { name: TOPICS });
    await user.click(
      within(itemIn(TOPICS, "Work")).getByRole("button", { name: "Add note to Work" }),
    );
    const field = screen.getByRole("textbox", { name: "Your note on Work" });
    await user.click(field);
    await user.paste("é".repeat(201));
    expect(field).toHaveAccessibleDescription("201 / 200 characters");
    expect(screen.getByText("201 / 200 characters")).toHaveAttribute("data-over", "true");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The note can be at most 200 characters; this one has 201. Please shorten or split it.",
    );
    expect(field).toBeInTheDocument();
    expect(stored(backend, work.id).item.note).toBe("");

    // Shortening it clears the error; 200 are saved.
    await user.type(field, "{Backspace}");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByText("200 / 200 characters")).toHaveAttribute("data-over", "false");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => {
      expect(stored(backend, work.id).item.note).toBe("é".repeat(200));
    });
    expect(await within(itemIn(TOPICS, "Work")).findByText("é".repeat(200))).toBeVisible();
  });

  it("says why a note was not saved", async () => {
    const { backend } = seedWork();
    backend.failNext("setWellnessNote", new BackendError("unavailable", "database_busy"));
    const { user } = await openWellness(backend);
    await screen.findByRole("region", { name: TOPICS });
    await user.click(
      within(itemIn(TOPICS, "Money")).getByRole("button", { name: "Add note to Money" }),
    );
    await user.type(screen.getByRole("textbox", { name: "Your note on Money" }), "Rent");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await within(itemIn(TOPICS, "Money")).findByText("Rent")).toBeVisible();
  });

  it("removes an item only once confirmed; cancelling keeps it", async () => {
    const { backend, work, hardWork } = seedWork();
    const { user } = await openWellness(backend);
    await screen.findByRole("region", { name: TOPICS });
    const remove = within(itemIn(TOPICS, "Work")).getByRole("button", { name: "Remove Work" });

    await user.click(remove);
    let dialog = screen.getByRole("dialog", { name: "Remove “Work”?" });
    expect(dialog).toHaveAccessibleDescription(
      "Wbot will not learn it again unless you reset the profile.",
    );
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(remove).toHaveFocus();
    expect(stored(backend, work.id).hidden).toBe(false);

    await user.click(remove);
    dialog = screen.getByRole("dialog", { name: "Remove “Work”?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    await waitFor(() => {
      expect(
        within(screen.getByRole("region", { name: TOPICS })).queryByRole("heading", {
          name: "Work",
        }),
      ).not.toBeInTheDocument();
    });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(stored(backend, work.id).hidden).toBe(true);
    // The same topic on hard days is another item, and stays.
    expect(itemIn("Often on hard days", "Work")).toBeInTheDocument();
    expect(stored(backend, hardWork.id).hidden).toBe(false);
    // Its buttons went with it: focus moves to the page's heading.
    expect(screen.getByRole("heading", { level: 1, name: "Wellness profile" })).toHaveFocus();
  });

  it("says in the dialog why an item could not be removed", async () => {
    const { backend, money } = seedWork();
    backend.failNext(
      "removeWellnessItem",
      new BackendError("not_found", "not_found", { subject: "wellness_item", value: money.id }),
    );
    const { user } = await openWellness(backend);
    await screen.findByRole("region", { name: TOPICS });
    await user.click(within(itemIn(TOPICS, "Money")).getByRole("button", { name: "Remove Money" }));
    const dialog = screen.getByRole("dialog", { name: "Remove “Money”?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The wellness item could not be found; it may have been deleted.",
    );
    expect(itemIn(TOPICS, "Money")).toBeInTheDocument();
  });

  it("speaks Spanish in the editor and the dialog", async () => {
    const { backend } = withAna(
      [{ kind: "topic", code: "self_esteem", value: 4, sources: from({ messages: 4 }) }],
      "es",
    );
    const { user } = await openWellness(backend, "es");
    const topics = "Temas a los que vuelves";
    await screen.findByRole("region", { name: topics });
    await user.click(
      within(itemIn(topics, "Autoestima")).getByRole("button", {
        name: "Añadir nota a Autoestima",
      }),
    );
    const field = screen.getByRole("textbox", { name: "Tu nota sobre Autoestima" });
    expect(field).toHaveAccessibleDescription("0 / 200 caracteres");
    await user.type(field, "Mejor cada mes");
    await user.click(screen.getByRole("button", { name: "Guardar" }));
    expect(await within(itemIn(topics, "Autoestima")).findByText("Mejor cada mes")).toBeVisible();
    expect(itemIn(topics, "Autoestima")).toHaveTextContent("Tu nota: Mejor cada mes");

    await user.click(
      within(itemIn(topics, "Autoestima")).getByRole("button", { name: "Quitar Autoestima" }),
    );
    const dialog = screen.getByRole("dialog", { name: "¿Quitar «Autoestima»?" });
    expect(dialog).toHaveAccessibleDescription(
      "Wbot no volverá a aprenderlo a menos que restablezcas el perfil.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Quitar" }));
    expect(
      await screen.findByText(/Wbot aún no ha aprendido nada\. A medida que hables/),
    ).toBeVisible();
  });
});
