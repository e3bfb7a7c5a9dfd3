// The one door to the Rust side. Components never import @tauri-apps/api or the generated bindings;
// they use the Backend (through useBackend and the query hooks), so tests can inject a fake.
import { createContext, createElement, useContext, type ReactNode } from "react";
import { Channel } from "@tauri-apps/api/core";
import { commands, events } from "../bindings";
import type {
  AppError,
  CoreNotice,
  ErrorCode,
  ErrorParams,
  Reason,
  SettingsChanged,
} from "../bindings";

// Every type the core shares, under its Rust name (types only: the commands are reached through Backend).
export type * from "../bindings";

/** A command's failure: its code, its reason and their parameters. The UI words it (useErrorText). */
export class BackendError extends Error {
  readonly code: ErrorCode;
  readonly reason: Reason;
  readonly params: Partial<ErrorParams>;

  /** `detail` is for developers (the console, test failures); people read the worded reason. */
  constructor(code: ErrorCode, reason: Reason, params: Partial<ErrorParams> = {}, detail?: string) {
    super(detail ?? `${code}: ${reason}`);
    this.name = "BackendError";
    this.code = code;
    this.reason = reason;
    this.params = params;
  }
}

type Commands = typeof commands;

/** What a command resolves with when it succeeds (the `data` of its Result). */
type Data<F> = F extends (...args: never[]) => Promise<infer R>
  ? Extract<R, { status: "ok" }> extends { data: infer T }
    ? T
    : never
  : never;

/** A command's arguments, with each channel taken as a listener of its events. */
type Args<F> = F extends (...args: infer P) => unknown
  ? { [I in keyof P]: P[I] extends Channel<infer E> ? (event: E) => void : P[I] }
  : never;

/**
 * Everything the UI can ask of the backend: each generated command (same name and arguments, channels
 * as listeners) resolving with its data or throwing a BackendError, and the core's two event streams,
 * each returning its unsubscribe function. Derived from the bindings, so a new command needs no line here.
 */
export type Backend = {
  [K in keyof Commands]: (...args: Args<Commands[K]>) => Promise<Data<Commands[K]>>;
} & {
  /** Settings changes made anywhere in the app. */
  onSettingsChanged(listener: (event: SettingsChanged) => void): () => void;
  /** Core notices (model load, index rebuild progress). */
  onCoreNotice(listener: (notice: CoreNotice) => void): () => void;
};

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

const ERROR_CODES: readonly ErrorCode[] = [
  "validation",
  "not_found",
  "conflict",
  "unavailable",
  "internal",
];

function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const { code, reason, params } = value as Record<string, unknown>;
  return (
    typeof reason === "string" &&
    typeof params === "object" &&
    params !== null &&
    typeof code === "string" &&
    ERROR_CODES.some((c) => c === code)
  );
}

/** Turns anything a command rejected with into a BackendError. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (isAppError(error)) return new BackendError(error.code, error.reason, error.params);
  const detail = error instanceof Error ? error.message : String(error);
  return new BackendError("internal", "internal", {}, detail);
}

async function unwrap<T>(pending: Promise<CommandResult<T>>): Promise<T> {
  let result: CommandResult<T>;
  try {
    result = await pending;
  } catch (error) {
    throw toBackendError(error);
  }
  if (result.status === "error") throw toBackendError(result.error);
  return result.data;
}

/** Calls a generated command, giving each listener argument a channel that feeds it. */
function call(command: (...args: unknown[]) => Promise<CommandResult<unknown>>, args: unknown[]) {
  const wired = args.map((arg) => {
    if (typeof arg !== "function") return arg;
    const channel = new Channel<unknown>();
    channel.onmessage = arg as (event: unknown) => void;
    return channel;
  });
  return unwrap(command(...wired));
}

/**
 * Listens to a generated event and returns an unsubscribe that also works before listening has
 * started (the listener is then dropped as soon as it is registered).
 */
function subscribe<T>(
  event: { listen: (cb: (event: { payload: T }) => void) => Promise<() => void> },
  listener: (payload: T) => void,
  failure: string,
): () => void {
  let stopped = false;
  let unlisten: (() => void) | undefined;
  event
    .listen((e) => {
      listener(e.payload);
    })
    .then((stop) => {
      if (stopped) stop();
      else unlisten = stop;
    })
    .catch((error: unknown) => {
      console.error(failure, error);
    });
  return () => {
    stopped = true;
    unlisten?.();
  };
}

export const tauriBackend: Backend = {
  // Built from the command list itself; the type above says what each one takes and gives.
  ...(Object.fromEntries(
    Object.entries(commands).map(([name, command]) => [
      name,
      (...args: unknown[]) =>
        call(command as (...args: unknown[]) => Promise<CommandResult<unknown>>, args),
    ]),
  ) as { [K in keyof Commands]: Backend[K] }),
  onSettingsChanged: (listener) =>
    subscribe(events.settingsChanged, listener, "Could not listen to settings changes"),
  onCoreNotice: (listener) =>
    subscribe(events.coreNotice, listener, "Could not listen to core notices"),
};

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ backend, children }: { backend: Backend; children: ReactNode }) {
  return createElement(BackendContext, { value: backend }, children);
}

export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (backend === null) throw new Error("useBackend must be used inside a BackendProvider");
  return backend;
}
