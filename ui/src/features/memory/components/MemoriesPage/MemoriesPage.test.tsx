import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

const MAYA = "My sister Maya lives in Lisbon and we talk every Sunday";
const RIVER = "Running by the river in the morning clears my head";
const WORK = "Work deadlines make my shoulders tense";

function withAna(memories: string[] = []) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  for (const text of memories) backend.memory.seed(ana.id, text);
  return { backend, ana };
}

async function openMemories(backend: FakeBackend) {
  const rendered = renderApp(backend);
  const nav = await rendered.findByRole("navigation", { name: "Discover" });
  await rendered.user.click(within(nav).getByRole("button", { name: "Memories" }));
  await screen.findByRole("heading", { level: 1, name: "Memories" });
  return rendered;
}

function listItems() {
  return within(screen.getByRole("main"))
    .queryAllByRole("listitem")
    .map((item) => item.textContent);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Memories", () => {
  it("is reachable from the sidebar and says when there is nothing yet", async () => {
    const { backend } = withAna();
    await openMemories(backend);
    const nav = screen.getByRole("navigation", { name: "Discover" });
    expect(within(nav).getByRole("button", { name: "Memories" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect(
      await screen.findByText(
        "Nothing remembered yet. Write something above for Wbot to remember.",
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText("0 memories")).toBeInTheDocument();
    expect(screen.getByText("Index ready")).toBeInTheDocument();
    expect(screen.getByText("Model multilingual-e5-small (384 dimensions)")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Forget everything" })).not.toBeInTheDocument();
  });

  it("remembers what is written, and shows the backend's reason when it refuses", async () => {
    const { backend, ana } = withAna();
    const { user } = await openMemories(backend);
    const field = screen.getByRole("textbox", { name: "Something to remember" });

    await user.click(screen.getByRole("button", { name: "Remember" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The memory cannot be empty; please write something first.",
    );

    await user.type(field, RIVER);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Remember" }));
    expect(await screen.findByText(RIVER)).toBeInTheDocument();
    expect(field).toHaveValue("");
    expect(backend.memory.list(ana.id, 0, 10).items.map((m) => m.text)).toEqual([RIVER]);
    expect(await screen.findByText("1 memory")).toBeInTheDocument();
  });

  it("searches as you type, once the typing pauses, with each hit's match and date", async () => {
    const { backend } = withAna([MAYA, RIVER, WORK]);
    await openMemories(backend);
    await screen.findByText(RIVER);

    // Keystrokes 100 ms apart: no search until the typing has paused for 250 ms.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const box = screen.getByRole("searchbox", { name: "Search memories" });
    let typed = "";
    for (const key of "river morning") {
      typed += key;
      fireEvent.change(box, { target: { value: typed } });
      act(() => {
        vi.advanceTimersByTime(100);
      });
    }
    expect(backend.memory.searches).toEqual([]);
    act(() => {
      vi.advanceTimersByTime(149);
    });
    expect(backend.memory.searches).toEqual([]);
    // The 250th millisecond, then a little more for the search to answer and render.
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(backend.memory.searches).toEqual(["river morning"]);
    await act(() => vi.advanceTimersByTimeAsync(10));
    vi.useRealTimers();

    expect(await screen.findByText("1 memory found")).toBeInTheDocument();
    expect(backend.memory.searches).toEqual(["river morning"]);
    expect(screen.getByRole("heading", { name: "Search results" })).toBeInTheDocument();
    const [hit] = within(screen.getByRole("main")).getAllByRole("listitem");
    expect(hit).toHaveTextContent(RIVER);
    expect(hit).toHaveTextContent("100% match");
    expect(hit).toHaveTextContent(/Added .*2025/);

    const user = userEvent.setup();
    await user.clear(screen.getByRole("searchbox", { name: "Search memories" }));
    await user.type(screen.getByRole("searchbox", { name: "Search memories" }), "sailing");
    expect(await screen.findByText("No memories match “sailing”.")).toBeInTheDocument();

    await user.clear(screen.getByRole("searchbox", { name: "Search memories" }));
    expect(
      await screen.findByRole("heading", { name: "Everything Wbot remembers" }),
    ).toBeInTheDocument();
    expect(listItems()).toHaveLength(3);
  });

  it("edits a memory in place, and Cancel keeps the old text", async () => {
    const { backend, ana } = withAna([MAYA, WORK]);
    const { user } = await openMemories(backend);
    await screen.findByText(WORK);

    await user.click(
      screen.getByRole("button", { name: "Edit memory: Work deadlines make my shoulders tense" }),
    );
    const editor = screen.getByRole("textbox", { name: "Memory text" });
    expect(editor).toHaveFocus();
    expect(editor).toHaveValue(WORK);
    await user.type(editor, " again");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByText(WORK)).toBeInTheDocument();

    await user.click(
      screen.getByRole("button", { name: "Edit memory: Work deadlines make my shoulders tense" }),
    );
    await user.clear(screen.getByRole("textbox", { name: "Memory text" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The memory cannot be empty; please write something first.",
    );

    await user.type(
      screen.getByRole("textbox", { name: "Memory text" }),
      "Deadlines feel lighter since I plan my week",
    );
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(
      await screen.findByText("Deadlines feel lighter since I plan my week"),
    ).toBeInTheDocument();
    expect(screen.queryByText(WORK)).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Memory text" })).not.toBeInTheDocument();
    expect(backend.memory.list(ana.id, 0, 10).items.map((m) => m.text)).toEqual([
      "Deadlines feel lighter since I plan my week",
      MAYA,
    ]);
  });

  it("forgets one memory", async () => {
    const { backend, ana } = withAna([MAYA, RIVER, WORK]);
    const { user } = await openMemories(backend);
    await screen.findByText(RIVER);

    await user.click(
      screen.getByRole("button", {
        name: "Forget memory: Running by the river in the morning clea…",
      }),
    );
    await waitFor(() => {
      expect(screen.queryByText(RIVER)).not.toBeInTheDocument();
    });
    expect(listItems()).toHaveLength(2);
    expect(backend.memory.list(ana.id, 0, 10).total).toBe(2);
  });

  it("asks before forgetting everything, naming the count, and keeps other profiles' memories", async () => {
    const { backend, ana } = withAna([MAYA, RIVER, WORK]);
    const ben = backend.seedProfile("Ben");
    backend.memory.seed(ben.id, "Ben's memory");
    const { user } = await openMemories(backend);
    await screen.findByText(RIVER);
    expect(screen.queryByText("Ben's memory")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Forget everything" }));
    let dialog = screen.getByRole("dialog", { name: "Forget all 3 memories?" });
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(listItems()).toHaveLength(3);

    backend.failNext("forgetAllMemories", new BackendError("internal", "internal"));
    await user.click(screen.getByRole("button", { name: "Forget everything" }));
    dialog = screen.getByRole("dialog", { name: "Forget all 3 memories?" });
    await user.click(within(dialog).getByRole("button", { name: "Forget everything" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Something went wrong on this device. Please try again.",
    );
    expect(backend.memory.list(ana.id, 0, 10).total).toBe(3);

    await user.click(within(dialog).getByRole("button", { name: "Forget everything" }));
    expect(
      await screen.findByText(
        "Nothing remembered yet. Write something above for Wbot to remember.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.memory.list(ana.id, 0, 10).total).toBe(0);
    expect(backend.memory.list(ben.id, 0, 10).items.map((m) => m.text)).toEqual(["Ben's memory"]);
  });

  it("pages the list with Load more", async () => {
    const texts = Array.from({ length: 25 }, (_, i) => `Memory number ${String(i + 1)}`);
    const { backend } = withAna(texts);
    const { user } = await openMemories(backend);
    await screen.findByText("Memory number 25");
    expect(listItems()).toHaveLength(20);
    await user.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("Memory number 1")).toBeInTheDocument();
    expect(listItems()).toHaveLength(25);
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("shows a progress bar while the model loads or the index rebuilds", async () => {
    const { backend, ana } = withAna([MAYA]);
    await openMemories(backend);
    await screen.findByText("Model loads on first use");

    act(() => {
      backend.memory.emit({
        kind: "progress",
        job: "memory.model.load",
        profileId: null,
        done: 0,
        total: 1,
      });
    });
    const loading = screen.getByRole("progressbar", { name: "Loading the memory model" });
    expect(loading).not.toHaveAttribute("value");

    backend.memory.status = { ...backend.memory.status, modelLoaded: true };
    act(() => {
      backend.memory.emit({
        kind: "progress",
        job: "memory.model.load",
        profileId: null,
        done: 1,
        total: 1,
      });
      backend.memory.emit({ kind: "memoryModel", loaded: true, modelId: "multilingual-e5-small" });
    });
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(await screen.findByText("Model loaded")).toBeInTheDocument();

    act(() => {
      backend.memory.emit({
        kind: "progress",
        job: "memory.rebuild",
        profileId: "someone-else",
        done: 1,
        total: 10,
      });
    });
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    act(() => {
      backend.memory.emit({
        kind: "progress",
        job: "memory.rebuild",
        profileId: ana.id,
        done: 4,
        total: 10,
      });
    });
    const rebuild = screen.getByRole("progressbar", { name: "Rebuilding the memory index" });
    expect(rebuild).toHaveAttribute("value", "4");
    expect(rebuild).toHaveAttribute("max", "10");
    expect(screen.getByText(/4 of 10/)).toBeInTheDocument();
  });

  it("shows a list that could not load, with Retry", async () => {
    const { backend } = withAna([MAYA]);
    backend.failNext("listMemories", new BackendError("unavailable", "database_busy"));
    const { user } = await openMemories(backend);
    expect(await screen.findByText("The database is busy; please try again.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText(MAYA)).toBeInTheDocument();
  });

  it("speaks Spanish", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { locale: "es" });
    backend.memory.seed(ana.id, MAYA);
    const rendered = renderApp(backend);
    const nav = await rendered.findByRole("navigation", { name: "Descubrir" });
    await rendered.user.click(within(nav).getByRole("button", { name: "Recuerdos" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Recuerdos" })).toBeInTheDocument();
    expect(await screen.findByText("1 recuerdo")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Olvidarlo todo" })).toBeInTheDocument();
  });
});
