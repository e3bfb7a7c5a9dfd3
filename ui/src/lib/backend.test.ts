import { beforeEach, describe, expect, it, vi } from "vitest";
import { commands } from "../bindings";
import { BackendError, tauriBackend } from "./backend";

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
    const ana = { id: "1", displayName: "Ana", createdAt: "2025-01-01T00:00:00Z" };
    mocked.listProfiles.mockResolvedValue({ status: "ok", data: [ana] });
    await expect(tauriBackend.listProfiles()).resolves.toEqual([ana]);
  });

  it("throws an AppError result as a BackendError with its code", async () => {
    mocked.deleteProfile.mockResolvedValue({
      status: "error",
      error: { code: "not_found", message: "No such profile." },
    });
    const error: unknown = await tauriBackend.deleteProfile("x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ code: "not_found", message: "No such profile." });
  });

  it("turns any other rejection into an internal BackendError", async () => {
    mocked.listProfiles.mockRejectedValue(new Error("IPC channel closed"));
    await expect(tauriBackend.listProfiles()).rejects.toMatchObject({
      name: "BackendError",
      code: "internal",
      message: "IPC channel closed",
    });

    mocked.listProfiles.mockRejectedValue("command list_profiles not found");
    await expect(tauriBackend.listProfiles()).rejects.toMatchObject({
      code: "internal",
      message: "command list_profiles not found",
    });
  });
});
