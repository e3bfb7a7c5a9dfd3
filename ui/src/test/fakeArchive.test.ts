import { describe, expect, it } from "vitest";
import type { CoreNotice } from "../lib/backend";
import { EXPORT_PATH } from "./fakeArchive";
import { FakeBackend } from "./fakeBackend";

function listen(backend: FakeBackend) {
  const notices: CoreNotice[] = [];
  backend.onCoreNotice((notice) => notices.push(notice));
  return notices;
}

describe("the fake's profile archives", () => {
  it("exports a profile with progress notices, and says where", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const notices = listen(backend);

    await expect(backend.exportProfile(ana.id)).resolves.toEqual({
      path: EXPORT_PATH,
      rows: 1,
      bytes: 2048,
    });
    expect(notices).toEqual([
      { kind: "progress", job: "profile.export", profileId: ana.id, done: 1, total: 2 },
      { kind: "progress", job: "profile.export", profileId: ana.id, done: 2, total: 2 },
    ]);
    await expect(backend.exportProfile("profile-9")).rejects.toMatchObject({
      reason: "not_found",
      params: { subject: "profile" },
    });
  });

  it("imports an archive as a new profile that does not become active", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const notices = listen(backend);

    const { profile, rows } = await backend.importProfile([
      80,
      75,
      5,
      6,
      ...Array<number>(18).fill(0),
    ]);

    expect(profile.displayName).toBe("Imported");
    expect(rows).toBe(1);
    expect(backend.activeId).toBe(ana.id);
    expect(await backend.listProfiles()).toContainEqual(profile);
    expect(notices.map((n) => n.kind === "progress" && [n.job, n.profileId])).toEqual([
      ["profile.import", profile.id],
      ["profile.import", profile.id],
    ]);
  });

  it("refuses bytes too short to be a zip file, as the core does", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");

    await expect(backend.importProfile([80, 75, 3, 4])).rejects.toMatchObject({
      code: "validation",
      reason: "invalid_format",
      params: { subject: "archive" },
    });
    expect(backend.profiles.size).toBe(1);
  });

  it("holds its progress until released", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const notices = listen(backend);
    const release = backend.archive.hold();

    let done = false;
    const exporting = backend.exportProfile(ana.id).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(notices).toHaveLength(1);
    expect(done).toBe(false);

    release();
    await exporting;
    expect(notices).toHaveLength(2);
  });
});
