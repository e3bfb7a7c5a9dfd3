import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "./lib/backend";
import { FakeBackend } from "./test/fakeBackend";
import { renderApp } from "./test/renderApp";

describe("App", () => {
  it("shows loading, then the shell of the active profile", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    renderApp(backend);

    expect(screen.getByRole("status")).toHaveTextContent("Loading…");
    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
  });

  it("shows why the profile could not load and retries", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    backend.failNext("activeProfile", new BackendError("unavailable", "database_busy"));
    const { user } = renderApp(backend);

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
  });

  it("shows why the settings could not load", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    backend.failNext("getSettings", new BackendError("internal", "internal"));
    renderApp(backend);

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Something went wrong on this device. Please try again.",
    );
    expect(screen.queryByRole("heading", { name: "Hi, Ana" })).not.toBeInTheDocument();
  });
});
