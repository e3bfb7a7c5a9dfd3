import {
  BackendError,
  type UpdateChannel,
  type UpdateInstalled,
  type UpdateOffer,
  type UpdateProgress,
  type UpdateStatus,
} from "../lib/backend";
import { Gate } from "./gate";

export const UPDATE_CHANNELS: readonly UpdateChannel[] = ["stable", "beta"];

/** A release a channel announces (what the update server would answer). */
export interface Release {
  version: string;
  notes?: string | null;
  published?: string | null;
}

/** A version's numbers and its pre-release part ("" for a release), enough to order test versions. */
function parse(version: string): { numbers: number[]; pre: string } {
  const [core = "", pre = ""] = version.split("-", 2);
  return { numbers: core.split(".").map(Number), pre };
}

/** Orders two versions as semver does for the versions tests use (pre-releases compared as text). */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.numbers[i] ?? 0) - (y.numbers[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === "") return 1;
  if (y.pre === "") return -1;
  return x.pre < y.pre ? -1 : 1;
}

/**
 * Signed updates for the fake backend, with the shell's rules: the channel is "stable" or "beta"
 * (anything else is refused as the core refuses it) and switching it forgets the update found; a check
 * offers the channel's release when it is newer, or (asked to go back to stable from a beta) when it
 * is different; only the update the last check found can be installed. Tests set what the app runs
 * (`currentVersion`, `prerelease`, `supported`), what each channel announces (`releases`), errors to
 * fail with (`checkError`, `installError`, the latter after the download's progress) and the progress
 * a download reports (`progress`; `hold` stops it after the first event).
 */
export class FakeUpdates {
  currentVersion = "0.1.0";
  prerelease = false;
  /** Whether this build updates itself (false: a store or package manager does). */
  supported = true;
  channel: UpdateChannel = "stable";
  /** What each channel announces; null: nothing newer than what it had. */
  readonly releases: Record<UpdateChannel, Release | null> = { stable: null, beta: null };
  /** Every check fails with this while it is set (e.g. the update server is unreachable). */
  checkError: BackendError | null = null;
  /** Every install fails with this, after the download's progress, while it is set. */
  installError: BackendError | null = null;
  /** The download's progress events, sent in order before an install resolves. */
  progress: UpdateProgress[] = [
    { downloaded: 1_500_000, total: 6_000_000 },
    { downloaded: 6_000_000, total: 6_000_000 },
  ];
  /** The checks made, by whether they asked to go back to stable. */
  readonly checks: boolean[] = [];
  /** The versions installed, in order. */
  readonly installed: string[] = [];
  /** How many times the app was restarted. */
  restarts = 0;
  /** The update the last check found, waiting to be installed. */
  private pending: UpdateOffer | null = null;
  private readonly gate = new Gate();

  /** Makes the next downloads wait after their first progress event until the returned call. */
  hold(): () => void {
    return this.gate.hold();
  }

  status(): UpdateStatus {
    return {
      currentVersion: this.currentVersion,
      prerelease: this.prerelease,
      channel: this.channel,
      supported: this.supported,
    };
  }

  setChannel(channel: string): UpdateChannel {
    if (!UPDATE_CHANNELS.some((c) => c === channel)) {
      // As the shell refuses an argument that is not one of the enum's values.
      throw new BackendError("validation", "invalid_input", { value: "channel" });
    }
    this.channel = channel as UpdateChannel;
    this.pending = null;
    return this.channel;
  }

  private requireSupported() {
    if (!this.supported) throw new BackendError("unavailable", "updates_unsupported");
  }

  check(downgrade: boolean): UpdateOffer | null {
    this.requireSupported();
    this.checks.push(downgrade);
    if (this.checkError !== null) throw this.checkError;
    const release = this.releases[this.channel];
    const order = release === null ? 0 : compareVersions(release.version, this.currentVersion);
    const offered = order > 0 || (downgrade && this.prerelease && order !== 0);
    this.pending =
      release === null || !offered
        ? null
        : {
            version: release.version,
            currentVersion: this.currentVersion,
            notes: release.notes ?? null,
            published: release.published ?? null,
            downgrade: order < 0,
          };
    return this.pending;
  }

  async install(onProgress: (progress: UpdateProgress) => void): Promise<UpdateInstalled> {
    this.requireSupported();
    const update = this.pending;
    if (update === null) throw new BackendError("conflict", "no_update_pending");
    for (const event of this.progress) {
      onProgress(event);
      await this.gate.pass();
    }
    if (this.installError !== null) throw this.installError;
    this.pending = null;
    this.installed.push(update.version);
    const last = this.progress[this.progress.length - 1];
    return {
      version: update.version,
      bytes: last?.downloaded ?? 0,
      downloadMs: 1200,
      verifyMs: 30,
      installMs: 800,
    };
  }

  restart() {
    this.restarts += 1;
  }
}
