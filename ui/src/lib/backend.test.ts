import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "../bindings";
import { NO_PARAMS } from "../test/validation";
import { BackendError, tauriBackend, toBackendError } from "./backend";

vi.mock("../bindings", () => ({
  commands: {
    listProfiles: vi.fn(),
    createProfile: vi.fn(),
    deleteProfile: vi.fn(),
  },
  events: { settingsChanged: { listen: vi.fn() } },
}));

const mocked = vi.mocked(commands);

describe("tauriBackend", () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it("resolves with the data of an ok result", async () => {
    const ana = {
      id: "1",
      displayName: "Ana",
      createdAt: "2025-01-01T00:00:00Z",
      hasPin: false,
      locked: false,
    };
    mocked.listProfiles.mockResolvedValue({ status: "ok", data: [ana] });
    await expect(tauriBackend.listProfiles()).resolves.toEqual([ana]);
  });

  it("throws an AppError result as a BackendError with its code, reason and params", async () => {
    mocked.deleteProfile.mockResolvedValue({
      status: "error",
      error: {
        code: "not_found",
        reason: "not_found",
        params: { ...NO_PARAMS, subject: "profile", value: "x" },
      },
    });
    const error: unknown = await tauriBackend.deleteProfile("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      name: "BackendError",
      code: "not_found",
      reason: "not_found",
      params: { subject: "profile", value: "x" },
    });
  });

  it("turns any other rejection into an internal BackendError, keeping the detail", async () => {
    mocked.listProfiles.mockRejectedValue(new Error("IPC channel closed"));
    await expect(tauriBackend.listProfiles()).rejects.toMatchObject({
      name: "BackendError",
      code: "internal",
      reason: "internal",
      params: {},
      message: "IPC channel closed",
    });

    mocked.listProfiles.mockRejectedValue("command list_profiles not found");
    await expect(tauriBackend.listProfiles()).rejects.toMatchObject({
      code: "internal",
      reason: "internal",
      message: "command list_profiles not found",
    });
  });

  it("turns a malformed error result into an internal BackendError", async () => {
    mocked.deleteProfile.mockResolvedValue({
      status: "error",
      // An error of the old shape, or from a shell the UI does not match: no reason, no params.
      error: { code: "not_found", message: "No such profile." } as never,
    });
    await expect(tauriBackend.deleteProfile("x")).rejects.toMatchObject({
      name: "BackendError",
      code: "internal",
      reason: "internal",
    });
  });
});

describe("toBackendError", () => {
  it("returns a BackendError as it is", () => {
    const error = new BackendError("conflict", "session_ended");
    expect(toBackendError(error)).toBe(error);
  });

  it("keeps an AppError's code, reason and params", () => {
    const error = toBackendError({
      code: "validation",
      reason: "too_long",
      params: { ...NO_PARAMS, subject: "message", max: 8000, actual: 8001 },
    });
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({
      code: "validation",
      reason: "too_long",
      params: { subject: "message", max: 8000, actual: 8001 },
    });
  });

  it.each([
    ["an unknown code", { code: "teapot", reason: "internal", params: {} }],
    ["no reason", { code: "validation", params: {} }],
    ["a reason that is not text", { code: "validation", reason: 3, params: {} }],
    ["no params", { code: "validation", reason: "empty" }],
    ["null params", { code: "validation", reason: "empty", params: null }],
    ["the old shape", { code: "not_found", message: "No such profile." }],
    ["null", null],
    ["a number", 42],
  ])("turns %s into an internal error", (_what, value) => {
    const error = toBackendError(value);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: "internal", reason: "internal", params: {} });
  });
});
