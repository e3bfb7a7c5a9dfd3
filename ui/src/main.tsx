import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AppProviders } from "./AppProviders";
import { tauriBackend } from "./lib/backend";
import { createQueryClient } from "./lib/queries";
import "./styles/tokens.css";
import "./styles/global.css";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <AppProviders backend={tauriBackend} queryClient={createQueryClient()}>
      <App />
    </AppProviders>
  </StrictMode>,
);
