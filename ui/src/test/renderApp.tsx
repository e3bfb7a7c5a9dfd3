import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { AppProviders } from "../AppProviders";
import { createQueryClient } from "../lib/queries";
import type { FakeBackend } from "./fakeBackend";

/** Renders the whole app against a fake backend, with a fresh query cache. */
export function renderApp(backend: FakeBackend) {
  const user = userEvent.setup();
  const result = render(
    <AppProviders backend={backend} queryClient={createQueryClient()}>
      <App />
    </AppProviders>,
  );
  return { user, ...result };
}
