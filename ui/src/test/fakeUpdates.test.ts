import { describe, expect, it } from "vitest";
import { BackendError, type UpdateChannel, type UpdateProgress } from "../lib/backend";
import { FakeBackend } from "./fakeBackend";
import { compareVersions } from "./fakeUpdates";
import { refusal } from "./refusal";

describe("the fake's updates", () => {
  it("starts as an up-to-date stable 0.1.0 that updates itself", async () => {
    const backend = new FakeBackend();

    await expect(backend.updateStatus()).resolves.toEqual({
      currentVersion: "0.1.0",
      prerelease: false,
      channel: "stable",
      supported: true,
    });
    await expect(backend.checkForUpdate(false)).resolves.toBeNull();
  });

  it("keeps the channel stable or beta, as the core does", async () => {
    const backend = new FakeBackend();

    expect(await refusal(backend.setUpdateChannel("nightly" as UpdateChannel))).toEqual({
      code: "validation",
      reason: "invalid_input",
      params: { value: "channel" },
    });
    await expect(backend.setUpdateChannel("beta")).resolves.toBe("beta");
    expect((await backend.updateStatus()).channel).toBe("beta");
  });

  it("offers each channel's newer release, and installs it with its progress", async () => {
    const backend = new FakeBackend();
    backend.updates.releases.stable = { version: "0.2.0", notes: "Fixes" };
    backend.updates.releases.beta = { version: "0.3.0-beta.1" };

    await expect(backend.checkForUpdate(false)).resolves.toEqual({
      version: "0.2.0",
      currentVersion: "0.1.0",
      notes: "Fixes",
      published: null,
      downgrade: false,
    });
    const events: UpdateProgress[] = [];
    const installed = await backend.installUpdate((p) => events.push(p));

    expect(installed.version).toBe("0.2.0");
    expect(events).toEqual(backend.updates.progress);
    expect(backend.updates.installed).toEqual(["0.2.0"]);
    // Installed: nothing waits any more.
    expect(await refusal(backend.installUpdate(() => {}))).toMatchObject({
      code: "conflict",
      reason: "no_update_pending",
    });

    await backend.setUpdateChannel("beta");
    expect((await backend.checkForUpdate(false))?.version).toBe("0.3.0-beta.1");
  });

  it("installs only what the last check found on this channel", async () => {
    const backend = new FakeBackend();
    backend.updates.releases.stable = { version: "0.2.0" };

    expect(await refusal(backend.installUpdate(() => {}))).toEqual({
      code: "conflict",
      reason: "no_update_pending",
      params: {},
    });
    await backend.checkForUpdate(false);
    // Switching the channel forgets the update found on the other one.
    await backend.setUpdateChannel("beta");
    expect((await refusal(backend.installUpdate(() => {}))).reason).toBe("no_update_pending");
  });

  it("offers an older stable release only to a beta asking to go back", async () => {
    const backend = new FakeBackend();
    backend.updates.currentVersion = "0.3.0-beta.2";
    backend.updates.prerelease = true;
    backend.updates.releases.stable = { version: "0.2.0" };

    await expect(backend.checkForUpdate(false)).resolves.toBeNull();
    expect(await backend.checkForUpdate(true)).toMatchObject({
      version: "0.2.0",
      downgrade: true,
    });
    expect(backend.updates.checks).toEqual([false, true]);

    backend.updates.prerelease = false;
    backend.updates.currentVersion = "0.3.0";
    await expect(backend.checkForUpdate(true)).resolves.toBeNull();
  });

  it("fails checks and installs as told, and says when it cannot update itself", async () => {
    const backend = new FakeBackend();
    backend.updates.releases.stable = { version: "0.2.0" };
    backend.updates.checkError = new BackendError("unavailable", "update_unreachable", {
      value: "offline",
    });
    expect((await refusal(backend.checkForUpdate(false))).reason).toBe("update_unreachable");

    backend.updates.checkError = null;
    await backend.checkForUpdate(false);
    backend.updates.installError = new BackendError("unavailable", "update_rejected", {
      value: "signature",
    });
    const events: UpdateProgress[] = [];
    expect(await refusal(backend.installUpdate((p) => events.push(p)))).toMatchObject({
      reason: "update_rejected",
      params: { value: "signature" },
    });
    // Refused after the download; nothing was installed.
    expect(events).toHaveLength(2);
    expect(backend.updates.installed).toEqual([]);

    backend.updates.supported = false;
    expect(await refusal(backend.checkForUpdate(false))).toMatchObject({
      code: "unavailable",
      reason: "updates_unsupported",
    });
    await expect(backend.restartApp()).resolves.toBeNull();
    expect(backend.updates.restarts).toBe(1);
  });

  it("orders versions as semver does for the versions tests use", () => {
    expect(compareVersions("0.2.0", "0.1.9")).toBe(1);
    expect(compareVersions("0.10.0", "0.9.0")).toBe(1);
    expect(compareVersions("0.3.0-beta.1", "0.3.0")).toBe(-1);
    expect(compareVersions("0.3.0-beta.2", "0.3.0-beta.1")).toBe(1);
    expect(compareVersions("1.0.0", "1.0.0")).toBe(0);
  });
});
