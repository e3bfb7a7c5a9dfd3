import {
  BackendError,
  type AmbientKind,
  type AudioFormat,
  type CoreNotice,
  type GuidedKind,
  type GuidedTrack,
  type MeditationSeries,
  type SeriesId,
  type TrackChanges,
  type TrackImport,
  type TrackPlayback,
  type WriteMeditation,
  type WrittenMeditation,
} from "../lib/backend";
import { localDay } from "../lib/days";
import { requireText } from "./validation";
import { Gate } from "./gate";

/** The core's progress job of an import. */
export const TRACK_IMPORT_JOB = "meditation.track_import";
/** The core's progress job of speaking a written meditation. */
export const VOICE_JOB = "meditation.voice";
/** The core's progress job of the voice speaking breathing's cues (one notice per cue). */
export const VOICE_CUES_JOB = "breathing.voice_cues";
/** How many cues breathing has for the voice to speak ("Breathe in.", "Hold.", ...). */
export const VOICE_CUES = 7;
/** The core's progress job of the chat model writing a meditation (0 of 1, then 1 of 1). */
export const WRITE_JOB = "meditation.write";
/** The shortest and longest meditation the chat model can be asked for, in minutes. */
export const MIN_WRITTEN_MINUTES = 3;
export const MAX_WRITTEN_MINUTES = 30;
/** What the fake's chat model writes when a test does not say. */
export const FAKE_SCRIPT =
  "Welcome. Settle into a comfortable position. [PAUSE 5s]\n" +
  "Notice what is here for you right now, and make a little room for it. [PAUSE 10s]\n" +
  "When you are ready, gently come back.";
/** A script's pause markers, `[PAUSE 5s]` (any case). */
const PAUSE = /\[\s*pause\s*\d+(?:\.\d+)?\s*s\s*\]/gi;
/** Why the local voice cannot speak (`voice_unavailable`'s value). */
export type VoiceProblem =
  "model_missing" | "model_unusable" | "phonemizer_missing" | "phonemizer_failed" | "cancelled";
/**
 * The scripts bundled with the app, shortest first, as the core lists them, and how many sentences
 * and pauses each speaks (the fake's progress steps).
 */
export const WRITTEN: readonly (WrittenMeditation & { steps: number })[] = [
  { id: "breathing-focus-3", kind: "breathing_focus", language: "en", minutes: 3, steps: 4 },
  { id: "body-scan-10", kind: "body_scan", language: "en", minutes: 10, steps: 6 },
];
/** A day of a series as the core bundles it: its practice, about how long it lasts, and its progress steps. */
interface WrittenDay {
  kind: GuidedKind;
  minutes: number;
  steps: number;
}
const calm = (kind: GuidedKind, steps: number): WrittenDay => ({ kind, minutes: 5, steps });
const night = (steps: number): WrittenDay => ({ kind: "sleep", minutes: 8, steps });
/**
 * The series the core bundles, in its order: "7 Day Calm" (about five minutes a day) and "Sleep
 * Better" (about eight), each day's practice, length and sentences and pauses as the core's scripts.
 */
export const SERIES: readonly { id: SeriesId; days: readonly WrittenDay[] }[] = [
  {
    id: "seven_day_calm",
    days: [
      calm("breathing_focus", 29),
      calm("breathing_focus", 25),
      calm("body_scan", 29),
      calm("daily_mindfulness", 23),
      calm("daily_mindfulness", 23),
      calm("loving_kindness", 35),
      calm("daily_mindfulness", 25),
    ],
  },
  { id: "sleep_better", days: [night(41), night(39), night(43), night(33), night(35)] },
];

/** What the profile has of a series' day: the track it was spoken into, and when it was done. */
export interface FakeSeriesDay {
  profileId: string;
  series: SeriesId;
  day: number;
  kind: GuidedKind;
  trackId: string | null;
  /** RFC 3339, and the device's calendar day then (`YYYY-MM-DD`). */
  completedAt: string | null;
  completedOn: string | null;
}

/** The largest file a track may be, in bytes. */
export const MAX_TRACK_BYTES = 500 * 1024 * 1024;
/** The longest title, in characters. */
const MAX_TRACK_TITLE = 120;
/** What a file is taken to be when a test does not say. */
const DEFAULT_DURATION_MS = 60_000;
const DEFAULT_BYTES = 1_000_000;
const FORMATS: readonly AudioFormat[] = ["mp3", "ogg", "wav", "flac"];

/** What the fake finds at a path; anything not given takes the defaults. */
export interface FakeAudioFile {
  durationMs?: number;
  bytes?: number;
  /** The file does not decode (`not_audio`) or decodes only this far (`audio_incomplete`). */
  broken?: "not_audio" | { decodesMs: number };
}

/** The track loaded now, and whose it is. */
export interface FakePlayer {
  profileId: string;
  trackId: string;
  positionMs: number;
  durationMs: number;
  playing: boolean;
  ended: boolean;
  ambient: AmbientKind | null;
}

/** The last path segment without its extension, as the core names an untitled track. */
function stem(path: string): string {
  const name = path.split(/[/\\]/).pop() ?? "";
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

/** The core's format check: the extension (any case; "oga" is ogg), else `unsupported_audio`. */
function formatOf(path: string): AudioFormat {
  const name = path.split(/[/\\]/).pop() ?? "";
  const dot = name.lastIndexOf(".");
  let ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  if (ext === "oga") ext = "ogg";
  const format = FORMATS.find((f) => f === ext);
  if (format === undefined) {
    throw new BackendError("validation", "unsupported_audio", {
      subject: "track_file",
      value: ext,
      expected: [...FORMATS],
    });
  }
  return format;
}

function checkedTitle(raw: string): string {
  const title = requireText(raw, "title", MAX_TRACK_TITLE);
  if (/\p{Cc}/u.test(title)) {
    throw new BackendError("validation", "invalid_characters", { subject: "title" });
  }
  return title;
}

/** The core's language check: trimmed and lower-cased, two letters. */
function checkedLanguage(raw: string): string {
  const code = raw.trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(code)) {
    throw new BackendError("validation", "invalid_format", {
      subject: "track_language",
      value: raw,
    });
  }
  return code;
}

function nothingPlaying(): BackendError {
  return new BackendError("conflict", "nothing_playing", { subject: "guided_track" });
}

function outOfPlace(positionMs: number, durationMs: number): BackendError {
  return new BackendError("validation", "out_of_range", {
    subject: "track_position",
    min: 0,
    max: Math.max(0, durationMs - 1),
    actual: positionMs,
  });
}

/**
 * Guided tracks for the fake backend, with the core's rules: an import checks the extension, the title
 * (the file name without its extension when none is given), the language, then the file (a path with
 * "missing" in it does not exist; `files` says how long and how large others are, or that they are broken),
 * and sends its `meditation.track_import` progress; play, pause, seek and stop keep one loaded track with
 * the core's errors, saving where listening stopped. The meditation series' days open in order; a day
 * is spoken into a track on its first play and is done once that track is heard to its end (read,
 * paused or stopped ended). Nothing plays by itself: a test moves a playing track on with `advance`
 * (which ends it at its length).
 */
export class FakeTracks {
  /** The profiles' tracks, newest first, and whose each is. */
  readonly tracks: GuidedTrack[] = [];
  readonly owner = new Map<string, string>();
  /** What the system file dialog answers (null: the person cancelled). */
  pickedPath: string | null = null;
  /** What is at a path, when not the defaults. */
  readonly files = new Map<string, FakeAudioFile>();
  /** The track playing or paused now (one for the whole app, as the audio engine has one voice). */
  player: FakePlayer | null = null;
  volume = 100;
  /** Set: the voice cannot speak, for this reason (after the script and the title are checked). */
  voiceProblem: VoiceProblem | null = null;
  /** Whether the voice has spoken breathing's cues (once for the app, as the core keeps them). */
  cuesSpoken = false;
  /** What the chat model writes next (a reply of only pauses or blanks is `empty_reply`, as in the core). */
  modelScript = FAKE_SCRIPT;
  /** The type of the next meditation written for the person (the core chooses it from their signals). */
  writtenKind: GuidedKind = "difficulties";
  /** The scripts of the tracks written for the person (and of series days), by track id. */
  readonly scripts = new Map<string, string>();
  /** The series days the profiles have played or done (the core's meditation_series_days). */
  readonly seriesDays: FakeSeriesDay[] = [];
  private readonly gate = new Gate();

  constructor(
    private readonly requireProfile: (profileId: string) => unknown,
    private readonly emit: (notice: CoreNotice) => void,
  ) {}

  /**
   * Makes the next imports, spoken meditations and breathing's spoken cues wait after their first
   * progress notice until the returned call (one written for the person waits while its model writes,
   * at `meditation.write` 0 of 1; holding again at once, before the release is awaited, stops it at
   * the voice's first step).
   */
  hold(): () => void {
    return this.gate.hold();
  }

  /** Adds a track directly (test set-up). */
  seed(profileId: string, track: Partial<GuidedTrack> = {}): GuidedTrack {
    const saved: GuidedTrack = {
      id: crypto.randomUUID(),
      title: "Body scan",
      kind: "body_scan",
      language: "en",
      format: "mp3",
      bytes: DEFAULT_BYTES,
      durationMs: DEFAULT_DURATION_MS,
      positionMs: 0,
      favourite: false,
      createdAt: new Date().toISOString(),
      playedAt: null,
      ...track,
    };
    this.tracks.unshift(saved);
    this.owner.set(saved.id, profileId);
    return saved;
  }

  pick(): string | null {
    return this.pickedPath;
  }

  async import(profileId: string, input: TrackImport): Promise<GuidedTrack> {
    this.requireProfile(profileId);
    const path = input.path.trim();
    const format = formatOf(path);
    const title = checkedTitle(input.title ?? stem(path));
    const language = checkedLanguage(input.language);
    if (path.includes("missing")) {
      throw new BackendError("unavailable", "file_access", {
        subject: "track_file",
        value: "NotFound",
      });
    }
    const file = this.files.get(path) ?? {};
    const bytes = file.bytes ?? DEFAULT_BYTES;
    if (bytes > MAX_TRACK_BYTES) {
      throw new BackendError("validation", "out_of_range", {
        subject: "track_file",
        min: 1,
        max: MAX_TRACK_BYTES,
        actual: bytes,
      });
    }
    const durationMs = file.durationMs ?? DEFAULT_DURATION_MS;
    await this.report(profileId, 50);
    if (bytes === 0 || file.broken === "not_audio") {
      throw new BackendError("validation", "not_audio", { subject: "track_file" });
    }
    if (file.broken !== undefined) {
      throw new BackendError("validation", "audio_incomplete", {
        subject: "track_file",
        actual: file.broken.decodesMs,
        max: durationMs,
      });
    }
    await this.report(profileId, 100);
    return this.seed(profileId, { title, kind: input.kind, language, format, bytes, durationMs });
  }

  private async report(profileId: string, done: number) {
    this.emit({ kind: "progress", job: TRACK_IMPORT_JOB, profileId, done, total: 100 });
    await this.gate.pass();
  }

  /** The written meditations, shortest first. */
  written(): WrittenMeditation[] {
    return WRITTEN.map(({ id, kind, language, minutes }) => ({ id, kind, language, minutes }));
  }

  /**
   * Speaks a written meditation as the core does: the profile, the script (`not_found`), the title,
   * then the voice (`voiceProblem`); one `meditation.voice` notice per sentence or pause spoken; then
   * a WAV track as long as the script says, kept in the profile's tracks.
   */
  async speak(profileId: string, writtenId: string, rawTitle: string): Promise<GuidedTrack> {
    this.requireProfile(profileId);
    const script = WRITTEN.find((w) => w.id === writtenId);
    if (script === undefined) {
      throw new BackendError("not_found", "not_found", { subject: "script", value: writtenId });
    }
    const title = checkedTitle(rawTitle);
    return this.voiceTrack(profileId, title, script.kind, script.minutes, script.steps);
  }

  /**
   * The voice speaking a meditation as the core does: `voice_unavailable` when it cannot, else one
   * `meditation.voice` notice per sentence or pause (`steps`, each a place a held test waits), and a
   * WAV track `minutes` long kept in the profile's tracks.
   */
  private async voiceTrack(
    profileId: string,
    title: string,
    kind: GuidedKind,
    minutes: number,
    steps: number,
  ): Promise<GuidedTrack> {
    if (this.voiceProblem !== null) {
      throw new BackendError("unavailable", "voice_unavailable", {
        subject: "voice",
        value: this.voiceProblem,
      });
    }
    for (let done = 1; done <= steps; done++) {
      this.emit({ kind: "progress", job: VOICE_JOB, profileId, done, total: steps });
      await this.gate.pass();
    }
    const durationMs = minutes * 60_000;
    return this.seed(profileId, {
      title,
      kind,
      language: "en",
      format: "wav",
      // 16-bit mono at the voice's rate (22,050 Hz for a typical voice).
      bytes: 44 + Math.round((durationMs / 1000) * 22_050 * 2),
      durationMs,
    });
  }

  /**
   * Has the voice speak breathing's cues as the core does: the profile, then at once when they were
   * spoken before (by any profile: the core keeps them in the data folder); else `voice_unavailable`
   * when the voice cannot speak, or one `breathing.voice_cues` notice per cue (each a place a held
   * test waits). The number of cues.
   */
  async prepareCues(profileId: string): Promise<number> {
    this.requireProfile(profileId);
    if (this.cuesSpoken) return VOICE_CUES;
    if (this.voiceProblem !== null) {
      throw new BackendError("unavailable", "voice_unavailable", {
        subject: "voice",
        value: this.voiceProblem,
      });
    }
    for (let done = 1; done <= VOICE_CUES; done++) {
      this.emit({ kind: "progress", job: VOICE_CUES_JOB, profileId, done, total: VOICE_CUES });
      await this.gate.pass();
    }
    this.cuesSpoken = true;
    return VOICE_CUES;
  }

  /**
   * Writes a meditation for the person as the core does: the profile, the length (3–30 minutes), a
   * chat model (`configured`, else `no_chat_model`); `meditation.write` at 0 of 1 while the model writes
   * (where a held test waits), then 1 of 1; then the script (`modelScript`, `empty_reply` when it says
   * nothing), the title and the voice are checked, one `meditation.voice` notice per sentence or pause,
   * and a WAV track of `writtenKind` is kept with its script.
   */
  async write(
    profileId: string,
    input: WriteMeditation,
    configured: boolean,
  ): Promise<GuidedTrack> {
    this.requireProfile(profileId);
    const { minutes } = input;
    if (
      !Number.isInteger(minutes) ||
      minutes < MIN_WRITTEN_MINUTES ||
      minutes > MAX_WRITTEN_MINUTES
    ) {
      throw new BackendError("validation", "out_of_range", {
        subject: "meditation_length",
        min: MIN_WRITTEN_MINUTES,
        max: MAX_WRITTEN_MINUTES,
        actual: minutes,
      });
    }
    if (!configured) throw new BackendError("validation", "no_chat_model");
    this.emit({ kind: "progress", job: WRITE_JOB, profileId, done: 0, total: 1 });
    await this.gate.pass();
    const script = this.modelScript.trim();
    this.emit({ kind: "progress", job: WRITE_JOB, profileId, done: 1, total: 1 });
    const said = script
      .split(PAUSE)
      .map((part) => part.trim())
      .filter((part) => part !== "");
    if (said.length === 0) throw new BackendError("validation", "empty_reply");
    const title = checkedTitle(input.title);
    // One step per sentence group and per pause, as the voice speaks them.
    const steps = said.length + (script.match(PAUSE)?.length ?? 0);
    const track = await this.voiceTrack(profileId, title, this.writtenKind, minutes, steps);
    this.scripts.set(track.id, script);
    return track;
  }

  private seriesDay(profileId: string, series: SeriesId, day: number): FakeSeriesDay | undefined {
    return this.seriesDays.find(
      (d) => d.profileId === profileId && d.series === series && d.day === day,
    );
  }

  /** Every series in the core's order, with the profile's days: each opens once the ones before it are done. */
  series(profileId: string): MeditationSeries[] {
    this.requireProfile(profileId);
    return SERIES.map(({ id, days }) => {
      let open = true;
      const mine = days.map((written, i) => {
        const saved = this.seriesDay(profileId, id, i + 1);
        const completedOn = saved?.completedOn ?? null;
        const day = {
          day: i + 1,
          kind: written.kind,
          minutes: written.minutes,
          trackId: saved?.trackId ?? null,
          completedOn,
          open,
        };
        open = open && completedOn !== null;
        return day;
      });
      const done = mine.map((d) => d.completedOn);
      const completedOn = done.every((on) => on !== null)
        ? done.reduce((a, b) => (a > b ? a : b))
        : null;
      return { id, days: mine, completedOn };
    });
  }

  /**
   * A series day's track as the core gives it: the profile, the series (`invalid_value`), the day
   * (`out_of_range`), that the days before it are done (`series_day_locked`, `max` the next day to
   * do); then the track it was spoken into before, or a new one spoken as `speak` does (the title, the
   * voice, one `meditation.voice` notice per sentence or pause) with its script kept.
   */
  async seriesDayTrack(
    profileId: string,
    rawSeries: string,
    day: number,
    rawTitle: string,
  ): Promise<GuidedTrack> {
    this.requireProfile(profileId);
    const series = SERIES.find((s) => s.id === rawSeries);
    if (series === undefined) {
      throw new BackendError("validation", "invalid_value", {
        subject: "meditation_series",
        value: rawSeries,
        expected: SERIES.map((s) => s.id),
      });
    }
    const written = series.days[day - 1];
    if (!Number.isInteger(day) || written === undefined) {
      throw new BackendError("validation", "out_of_range", {
        subject: "series_day",
        min: 1,
        max: series.days.length,
        actual: day,
      });
    }
    const days = this.series(profileId).find((s) => s.id === series.id)?.days ?? [];
    if (days[day - 1]?.open !== true) {
      throw new BackendError("conflict", "series_day_locked", {
        subject: "series_day",
        actual: day,
        max: days.find((d) => d.completedOn === null)?.day ?? 1,
      });
    }
    const saved = this.seriesDay(profileId, series.id, day);
    if (saved?.trackId != null) return { ...this.own(profileId, saved.trackId) };
    const title = checkedTitle(rawTitle);
    const track = await this.voiceTrack(
      profileId,
      title,
      written.kind,
      written.minutes,
      written.steps,
    );
    this.scripts.set(track.id, `Welcome to day ${String(day)}. [PAUSE 5s]\nBreathe, and rest.`);
    if (saved === undefined) {
      this.seriesDays.push({
        profileId,
        series: series.id,
        day,
        kind: written.kind,
        trackId: track.id,
        completedAt: null,
        completedOn: null,
      });
    } else {
      saved.trackId = track.id;
    }
    return track;
  }

  /** The series days a profile has done, as Progress counts them. */
  seriesDone(profileId: string): FakeSeriesDay[] {
    return this.seriesDays.filter((d) => d.profileId === profileId && d.completedAt !== null);
  }

  /** The day each series the profile has done was completed (its latest day's), as the badge counts them. */
  seriesCompleted(profileId: string): string[] {
    return SERIES.flatMap(({ id, days }) => {
      const done = this.seriesDone(profileId).filter((d) => d.series === id);
      if (done.length < days.length) return [];
      return [done.map((d) => d.completedOn ?? "").reduce((a, b) => (a > b ? a : b))];
    });
  }

  /** A track played to its end: the series day it was spoken for, if any, is done today. */
  private finished(profileId: string, trackId: string) {
    for (const d of this.seriesDays) {
      if (d.profileId !== profileId || d.trackId !== trackId || d.completedAt !== null) continue;
      const now = new Date();
      d.completedAt = now.toISOString();
      d.completedOn = localDay(now);
    }
  }

  /** The script a track was spoken from when it was written for the person, else null. */
  script(profileId: string, trackId: string): string | null {
    this.own(profileId, trackId);
    return this.scripts.get(trackId) ?? null;
  }

  list(profileId: string): GuidedTrack[] {
    this.requireProfile(profileId);
    return this.tracks.filter((t) => this.owner.get(t.id) === profileId).map((t) => ({ ...t }));
  }

  private own(profileId: string, trackId: string): GuidedTrack {
    this.requireProfile(profileId);
    const track = this.tracks.find((t) => t.id === trackId && this.owner.get(t.id) === profileId);
    if (track === undefined) {
      throw new BackendError("not_found", "not_found", { subject: "guided_track", value: trackId });
    }
    return track;
  }

  update(profileId: string, trackId: string, changes: TrackChanges): GuidedTrack {
    const track = this.own(profileId, trackId);
    const title = changes.title === null ? track.title : checkedTitle(changes.title);
    const language = changes.language === null ? track.language : checkedLanguage(changes.language);
    track.title = title;
    track.language = language;
    if (changes.kind !== null) track.kind = changes.kind;
    if (changes.favourite !== null) track.favourite = changes.favourite;
    return { ...track };
  }

  delete(profileId: string, trackId: string) {
    this.own(profileId, trackId);
    if (this.player?.trackId === trackId) this.player = null;
    this.tracks.splice(
      this.tracks.findIndex((t) => t.id === trackId),
      1,
    );
    this.owner.delete(trackId);
    this.scripts.delete(trackId);
    // The series day it was spoken for forgets it (and stays done).
    for (const d of this.seriesDays) if (d.trackId === trackId) d.trackId = null;
  }

  private state(player: FakePlayer): TrackPlayback {
    const { trackId, positionMs, durationMs, playing, ended } = player;
    return { trackId, positionMs, durationMs, playing, ended };
  }

  /** Saves where listening stopped (0 once it played to the end), as the core does. */
  private save(profileId: string, trackId: string, positionMs: number) {
    const track = this.tracks.find((t) => t.id === trackId && this.owner.get(t.id) === profileId);
    if (track === undefined) return;
    track.positionMs = Math.min(positionMs, track.durationMs);
    track.playedAt = new Date().toISOString();
  }

  /** Saves where a track paused or stopped; one played to its end starts over and its series day is done. */
  private savePlace(player: FakePlayer) {
    if (player.ended) {
      this.save(player.profileId, player.trackId, 0);
      this.finished(player.profileId, player.trackId);
    } else {
      this.save(player.profileId, player.trackId, player.positionMs);
    }
  }

  private loaded(profileId: string): FakePlayer {
    this.requireProfile(profileId);
    const player = this.player;
    if (player?.profileId !== profileId) throw nothingPlaying();
    return player;
  }

  play(
    profileId: string,
    trackId: string,
    fromMs: number | null,
    ambient: AmbientKind | null,
  ): TrackPlayback {
    const track = this.own(profileId, trackId);
    const from = fromMs ?? track.positionMs;
    if (from >= track.durationMs) throw outOfPlace(from, track.durationMs);
    this.stop(profileId);
    this.player = {
      profileId,
      trackId,
      positionMs: from,
      durationMs: track.durationMs,
      playing: true,
      ended: false,
      ambient,
    };
    this.save(profileId, trackId, from);
    return this.state(this.player);
  }

  /** Moves the playing track on by `ms`, ending it at its length (test set-up: nothing runs by itself). */
  advance(ms: number) {
    const player = this.player;
    if (player === null || !player.playing) return;
    player.positionMs = Math.min(player.positionMs + ms, player.durationMs);
    if (player.positionMs >= player.durationMs) {
      player.playing = false;
      player.ended = true;
      player.ambient = null;
    }
  }

  playback(profileId: string): TrackPlayback | null {
    this.requireProfile(profileId);
    const player = this.player;
    if (player?.profileId !== profileId) return null;
    if (player.ended) this.savePlace(player);
    return this.state(player);
  }

  pause(profileId: string): TrackPlayback {
    const player = this.loaded(profileId);
    player.playing = false;
    player.ambient = null;
    this.savePlace(player);
    return this.state(player);
  }

  seek(profileId: string, positionMs: number): TrackPlayback {
    const player = this.loaded(profileId);
    if (positionMs < 0 || positionMs >= player.durationMs) {
      throw outOfPlace(positionMs, player.durationMs);
    }
    player.positionMs = positionMs;
    player.ended = false;
    this.save(profileId, player.trackId, positionMs);
    return this.state(player);
  }

  stop(profileId: string): TrackPlayback | null {
    this.requireProfile(profileId);
    const player = this.player;
    if (player?.profileId !== profileId) return null;
    this.player = null;
    this.savePlace(player);
    return this.state(player);
  }

  setVolume(volume: number) {
    if (!Number.isInteger(volume) || volume < 0 || volume > 100) {
      throw new BackendError("validation", "out_of_range", {
        subject: "volume",
        min: 0,
        max: 100,
        actual: volume,
      });
    }
    this.volume = volume;
  }
}
