import { screen, waitFor } from "@testing-library/react";
import { expect } from "vitest";
import type { Settings } from "../lib/backend";
import type { FakeBackend } from "./fakeBackend";
import { renderApp } from "./renderApp";

/** Renders the app and opens Settings (English or Spanish), once the section `heading` is shown. */
export async function openSettings(backend: FakeBackend, heading: string) {
  const rendered = renderApp(backend);
  await rendered.user.click(await screen.findByRole("button", { name: /^(Settings|Ajustes)$/ }));
  await screen.findByRole("heading", { level: 2, name: heading });
  return rendered;
}

/** Waits until the backend has saved `expected` among the profile's settings. */
export async function waitForSaved(
  backend: FakeBackend,
  profileId: string,
  expected: Partial<Settings>,
) {
  await waitFor(() => {
    expect(backend.profiles.get(profileId)?.settings).toMatchObject(expected);
  });
}
