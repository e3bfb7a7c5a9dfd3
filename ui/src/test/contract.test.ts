// The contract the fake shares with the real shell: the same cases, the same answers
// (src-tauri/tests/it/contract.rs runs them against the shell on Tauri's mock runtime).
import { describe, expect, it } from "vitest";
import { toBackendError } from "../lib/backend";
import contract from "./contract-cases.json";
import { FakeBackend, SAMPLE_ANSWERS } from "./fakeBackend";

interface Case {
  name: string;
  command: string;
  args: Record<string, unknown>;
  expect: "ok" | { code: string; reason: string; params: Record<string, unknown> };
  /** Fields an `ok` answer holds; for a list, the fields of each of its items, in order. */
  result?: Record<string, unknown> | Record<string, unknown>[];
}
const cases = contract.cases as Case[];

/** The JSON placeholders, as the Rust runner fills them. */
function fill(value: unknown, ana: string): unknown {
  if (value === "$ana") return ana;
  if (value === "$unknown") return contract.unknownId;
  if (value === "$answers") return SAMPLE_ANSWERS;
  if (typeof value === "string" && /^\$\d+chars$/.test(value))
    return "é".repeat(parseInt(value.slice(1)));
  if (Array.isArray(value)) return value.map((v) => fill(v, ana));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, ana)]));
  }
  return value;
}

type Command = (...args: unknown[]) => Promise<unknown>;

/** `list_memories` → `listMemories`. */
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe("the fake keeps the shell's contract", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_, c: Case) => {
    const backend = new FakeBackend();
    const ana = (await backend.createProfile({ displayName: "Ana", onboarding: SAMPLE_ANSWERS }))
      .id;
    // The fake's methods by the command's name, as the shell routes an invoke.
    const methods = backend as unknown as Record<string, Command | undefined>;
    const method = methods[camel(c.command)];
    if (method === undefined) throw new Error(`the fake has no ${c.command}`);
    const args = Object.values(fill(c.args, ana) as Record<string, unknown>);
    let answer: unknown;
    const outcome = await method.apply(backend, args).then(
      (value) => {
        answer = value;
        return "ok" as const;
      },
      (error: unknown) => toBackendError(error),
    );
    if (c.expect === "ok") {
      expect(outcome).toBe("ok");
      if (c.result !== undefined) expect(answer).toMatchObject(c.result);
      return;
    }
    expect(outcome).not.toBe("ok");
    const error = outcome as Exclude<typeof outcome, "ok">;
    expect({ code: error.code, reason: error.reason }).toEqual({
      code: c.expect.code,
      reason: c.expect.reason,
    });
    expect(error.params).toMatchObject(c.expect.params);
  });
});
