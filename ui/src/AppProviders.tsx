import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { BackendProvider, type Backend } from "./lib/backend";

export function AppProviders({
  backend,
  queryClient,
  children,
}: {
  backend: Backend;
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <BackendProvider backend={backend}>{children}</BackendProvider>
    </QueryClientProvider>
  );
}
