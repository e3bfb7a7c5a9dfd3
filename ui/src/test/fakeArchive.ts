import {
  BackendError,
  type ArchiveSummary,
  type CoreNotice,
  type ImportedProfile,
  type Profile,
} from "../lib/backend";
import { Gate } from "./gate";

/** Where the fake says every export was written. */
export const EXPORT_PATH = "/home/you/Downloads/wbot-2026-11-28.zip";

/** The size of a zip file's end-of-central-directory record, the smallest a zip can be. */
const ZIP_END_RECORD = 22;

/** The steps the fake reports for an export or an import (one progress notice each). */
const STEPS = 2;

/**
 * Profile archives for the fake backend. It writes and reads no file: an export only checks the
 * profile and says where it would be; an import refuses an archive too short to be a zip file, as the core
 * refuses one that is not a Wbot archive, and otherwise creates a profile named "Imported" (not made active). Both send
 * their `progress` notices; `hold` stops them after the first, so a test can look at the progress shown.
 */
export class FakeArchive {
  /** The profiles exported, in order. */
  readonly exported: string[] = [];
  private readonly gate = new Gate();

  constructor(
    private readonly check: (profileId: string) => void,
    private readonly create: (displayName: string) => Profile,
    private readonly emit: (notice: CoreNotice) => void,
  ) {}

  /** Makes the next exports and imports wait after their first notice until the returned call. */
  hold(): () => void {
    return this.gate.hold();
  }

  private async report(job: string, profileId: string) {
    for (let done = 1; done <= STEPS; done++) {
      this.emit({ kind: "progress", job, profileId, done, total: STEPS });
      await this.gate.pass();
    }
  }

  async export(profileId: string): Promise<ArchiveSummary> {
    this.check(profileId);
    await this.report("profile.export", profileId);
    this.exported.push(profileId);
    return { path: EXPORT_PATH, rows: 1, bytes: 2048 };
  }

  async import(archive: number[]): Promise<ImportedProfile> {
    // A zip file ends with a 22-byte record: anything shorter is not one, for the core as here.
    if (archive.length < ZIP_END_RECORD) {
      throw new BackendError("validation", "invalid_format", { subject: "archive" });
    }
    const profile = this.create("Imported");
    await this.report("profile.import", profile.id);
    return { profile, rows: 1 };
  }
}
