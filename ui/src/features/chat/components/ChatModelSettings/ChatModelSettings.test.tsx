import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withAna() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  return { backend, ana };
}

async function openSettings(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole("button", { name: "Settings" }));
  await screen.findByRole("heading", { name: "Chat model" });
  return rendered;
}

describe("Chat model settings", () => {
  it("shows the backend's validation errors and adds a keyless provider", async () => {
    const { backend, ana } = withAna();
    const { user } = await openSettings(backend);
    expect(await screen.findByText("No chat model yet. Add one below.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Add" }));
    const form = screen.getByRole("form", { name: "Add a chat model" });
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "The provider's name must be between 1 and 100.",
    );

    await user.type(within(form).getByLabelText("Name"), "Fake server");
    await user.type(within(form).getByLabelText("Address"), "not a url");
    await user.type(within(form).getByLabelText("Model"), "fake-model");
    await user.clear(within(form).getByLabelText("Timeout (seconds)"));
    await user.type(within(form).getByLabelText("Timeout (seconds)"), "soon");
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(within(form).getByRole("alert")).toHaveTextContent(
      "Please enter the timeout in seconds, e.g. 60.",
    );

    await user.clear(within(form).getByLabelText("Timeout (seconds)"));
    await user.type(within(form).getByLabelText("Timeout (seconds)"), "30");
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "“not a url” is not valid as the provider's address (e.g. http://127.0.0.1:11434/v1).",
    );

    await user.clear(within(form).getByLabelText("Address"));
    await user.type(within(form).getByLabelText("Address"), "http://127.0.0.1:9999/v1");
    await user.click(within(form).getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Fake server")).toBeInTheDocument();
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(backend.chat.listProviders(ana.id)).toMatchObject([
      {
        name: "Fake server",
        kind: "openAiCompatible",
        baseUrl: "http://127.0.0.1:9999/v1",
        model: "fake-model",
        timeoutMs: 30000,
        hasKey: false,
      },
    ]);
  });

  it("orders, tests, edits and removes providers; a saved key is never shown", async () => {
    const { backend, ana } = withAna();
    backend.chat.seedProvider(ana.id, { name: "Ollama" });
    backend.chat.seedProvider(ana.id, {
      name: "Anthropic",
      kind: "anthropic",
      baseUrl: "https://api.anthropic.com/v1",
      model: "claude-3-5-haiku-latest",
      hasKey: true,
      allowed: true,
    });
    const { user } = await openSettings(backend);
    await screen.findByText("Anthropic");

    await user.click(screen.getByRole("button", { name: "Move Anthropic up" }));
    await waitFor(() => {
      expect(backend.chat.listProviders(ana.id).map((p) => p.name)).toEqual([
        "Anthropic",
        "Ollama",
      ]);
    });
    expect(await screen.findByRole("button", { name: "Move Anthropic up" })).toBeDisabled();

    await user.click(screen.getByRole("button", { name: "Test connection to Ollama" }));
    expect(await screen.findByText("Connected in 42 ms. It said: “Hi!”")).toBeInTheDocument();
    backend.chat.connection = new BackendError("unavailable", "provider_unavailable", {
      value: "timeout",
    });
    await user.click(screen.getByRole("button", { name: "Test connection to Anthropic" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The chat model did not answer in time. It may still be loading; try again or raise the timeout.",
    );

    await user.click(screen.getByRole("button", { name: "Edit Anthropic" }));
    const form = screen.getByRole("form", { name: "Edit Anthropic" });
    expect(within(form).getByLabelText("API key")).toHaveValue("");
    expect(within(form).getByLabelText("API key")).toHaveAttribute("type", "password");
    expect(within(form).getByText("A key is saved")).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Remove key" }));
    expect(
      within(form).getByText("The saved key will be removed when you save."),
    ).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() => {
      expect(backend.chat.listProviders(ana.id)[0]?.hasKey).toBe(false);
    });

    await user.click(await screen.findByRole("button", { name: "Remove Ollama" }));
    const dialog = screen.getByRole("dialog", { name: "Remove Ollama?" });
    await user.click(within(dialog).getByRole("button", { name: "Remove" }));
    await waitFor(() => {
      expect(screen.queryByText("Ollama")).not.toBeInTheDocument();
    });
    expect(backend.chat.listProviders(ana.id).map((p) => p.name)).toEqual(["Anthropic"]);
  });

  it("adds from a preset and sets the helpline region", async () => {
    const { backend, ana } = withAna();
    const { user } = await openSettings(backend);

    await user.selectOptions(
      await screen.findByLabelText("Start from"),
      "Ollama — On this computer",
    );
    await user.click(screen.getByRole("button", { name: "Add" }));
    expect(screen.getByLabelText("Address")).toHaveValue("http://127.0.0.1:11434/v1");
    expect(screen.getByLabelText("Model")).toHaveValue("llama3.2");
    expect(screen.getByLabelText("Timeout (seconds)")).toHaveValue("120");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => {
      expect(backend.chat.configured(ana.id)).toBe(true);
    });

    const region = screen.getByLabelText("Helplines in the safety card");
    expect(region).toHaveValue("");
    await user.selectOptions(region, "United Kingdom");
    await waitFor(() => {
      expect(backend.chat.regions.get(ana.id)).toBe("GB");
    });
    expect(region).toHaveValue("GB");
  });
});
