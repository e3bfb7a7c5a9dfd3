import { expect } from "vitest";
import { BackendError } from "../lib/backend";

/** The typed error a fake's call was refused with (the test fails when it was not refused). */
export async function refusal(pending: Promise<unknown>) {
  const error: unknown = await pending.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendError);
  const { code, reason, params } = error as BackendError;
  return { code, reason, params };
}
