// The fake's guided tracks keep the core's rules, so UI tests meet the errors the app meets.
import { describe, expect, it } from "vitest";
import type { CoreNotice, TrackImport } from "../lib/backend";
import { FakeBackend } from "./fakeBackend";
import { localDay } from "../lib/days";
import { MAX_TRACK_BYTES } from "./fakeTracks";
import { refusal } from "./refusal";

function withTwo() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  const ben = backend.seedProfile("Ben");
  return { backend, ana, ben };
}

const CALM: TrackImport = { path: "/music/Calm.mp3", title: null, kind: "sleep", language: "en" };

describe("the fake's guided tracks", () => {
  it("checks the extension, then the title, then the language, then the file", async () => {
    const { backend, ana } = withTwo();
    const start = (input: Partial<TrackImport>) =>
      refusal(backend.importTrack(ana.id, { ...CALM, ...input }));

    expect(await start({ path: "/music/a.m4a", title: "   ", language: "english" })).toEqual({
      code: "validation",
      reason: "unsupported_audio",
      params: { subject: "track_file", value: "m4a", expected: ["mp3", "ogg", "wav", "flac"] },
    });
    expect((await start({ path: "/music/noext" })).params).toMatchObject({ value: "" });
    expect(await start({ title: "   ", language: "english" })).toMatchObject({
      reason: "empty",
      params: { subject: "title" },
    });
    expect(await start({ title: "x".repeat(121) })).toMatchObject({
      reason: "too_long",
      params: { subject: "title", max: 120, actual: 121 },
    });
    expect(await start({ language: "english", path: "/music/missing.mp3" })).toMatchObject({
      code: "validation",
      reason: "invalid_format",
      params: { subject: "track_language", value: "english" },
    });
    expect(await start({ path: "/music/missing.mp3" })).toEqual({
      code: "unavailable",
      reason: "file_access",
      params: { subject: "track_file", value: "NotFound" },
    });
    backend.tracks.files.set("/music/huge.wav", { bytes: MAX_TRACK_BYTES + 1 });
    expect(await start({ path: "/music/huge.wav" })).toMatchObject({
      reason: "out_of_range",
      params: { subject: "track_file", max: MAX_TRACK_BYTES, actual: MAX_TRACK_BYTES + 1 },
    });
    backend.tracks.files.set("/music/cut.flac", {
      durationMs: 90_000,
      broken: { decodesMs: 30_000 },
    });
    expect(await start({ path: "/music/cut.flac" })).toMatchObject({
      reason: "audio_incomplete",
      params: { subject: "track_file", actual: 30_000, max: 90_000 },
    });
    backend.tracks.files.set("/music/text.ogg", { broken: "not_audio" });
    expect((await start({ path: "/music/text.ogg" })).reason).toBe("not_audio");
    expect(await backend.guidedTracks(ana.id)).toEqual([]);
  });

  it("names an untitled track after its file, takes any case and oga, and reports its progress", async () => {
    const { backend, ana, ben } = withTwo();
    const notices: CoreNotice[] = [];
    backend.onCoreNotice((notice) => notices.push(notice));

    const calm = await backend.importTrack(ana.id, CALM);
    expect(calm).toMatchObject({
      title: "Calm",
      kind: "sleep",
      language: "en",
      format: "mp3",
      durationMs: 60_000,
      positionMs: 0,
      favourite: false,
      playedAt: null,
    });
    const song = await backend.importTrack(ana.id, {
      ...CALM,
      path: " /music/Song.OGA ",
      title: "  A song ",
      language: "ES",
    });
    expect(song).toMatchObject({ title: "A song", format: "ogg", language: "es" });
    expect(notices).toContainEqual({
      kind: "progress",
      job: "meditation.track_import",
      profileId: ana.id,
      done: 100,
      total: 100,
    });
    expect((await backend.guidedTracks(ana.id)).map((t) => t.id)).toEqual([song.id, calm.id]);
    expect(await backend.guidedTracks(ben.id)).toEqual([]);
    expect(await refusal(backend.deleteTrack(ben.id, calm.id))).toMatchObject({
      reason: "not_found",
      params: { subject: "guided_track", value: calm.id },
    });
  });

  it("plays, pauses, seeks and stops one track, saving where it stopped", async () => {
    const { backend, ana, ben } = withTwo();
    const track = backend.tracks.seed(ana.id, { durationMs: 120_000 });

    expect(await refusal(backend.pauseTrack(ana.id))).toEqual({
      code: "conflict",
      reason: "nothing_playing",
      params: { subject: "guided_track" },
    });
    expect(await backend.stopTrack(ana.id)).toBeNull();
    expect(await backend.playTrack(ana.id, track.id, null, "rain")).toEqual({
      trackId: track.id,
      positionMs: 0,
      durationMs: 120_000,
      playing: true,
      ended: false,
    });
    expect(await backend.trackPlayback(ben.id)).toBeNull();
    expect((await refusal(backend.seekTrack(ben.id, 1000))).reason).toBe("nothing_playing");
    expect(await refusal(backend.seekTrack(ana.id, 120_000))).toMatchObject({
      reason: "out_of_range",
      params: { subject: "track_position", min: 0, max: 119_999, actual: 120_000 },
    });

    backend.tracks.advance(10_000);
    expect(await backend.pauseTrack(ana.id)).toMatchObject({ positionMs: 10_000, playing: false });
    expect(await backend.seekTrack(ana.id, 30_000)).toMatchObject({
      positionMs: 30_000,
      playing: false,
    });
    expect(await backend.playTrack(ana.id, track.id, null, null)).toMatchObject({
      positionMs: 30_000,
      playing: true,
    });
    backend.tracks.advance(5_000);
    expect(await backend.stopTrack(ana.id)).toMatchObject({ positionMs: 35_000 });
    expect((await backend.guidedTracks(ana.id))[0]?.positionMs).toBe(35_000);

    await backend.playTrack(ana.id, track.id, 0, null);
    backend.tracks.advance(200_000);
    expect(await backend.trackPlayback(ana.id)).toMatchObject({ ended: true, playing: false });
    expect((await backend.guidedTracks(ana.id))[0]?.positionMs).toBe(0);
    expect(await refusal(backend.playTrack(ana.id, track.id, 120_000, null))).toMatchObject({
      reason: "out_of_range",
      params: { subject: "track_position", max: 119_999 },
    });
  });

  it("keeps the volume within 0–100", async () => {
    const { backend } = withTwo();
    expect(await backend.setTrackVolume(40)).toBeNull();
    expect(backend.tracks.volume).toBe(40);
    expect(await refusal(backend.setTrackVolume(101))).toEqual({
      code: "validation",
      reason: "out_of_range",
      params: { subject: "volume", min: 0, max: 100, actual: 101 },
    });
  });

  it("lists the written meditations and speaks one into a WAV track, with its progress", async () => {
    const { backend, ana, ben } = withTwo();
    expect(await backend.writtenMeditations()).toEqual([
      { id: "breathing-focus-3", kind: "breathing_focus", language: "en", minutes: 3 },
      { id: "body-scan-10", kind: "body_scan", language: "en", minutes: 10 },
    ]);
    const notices: CoreNotice[] = [];
    backend.onCoreNotice((notice) => notices.push(notice));

    const track = await backend.speakWrittenMeditation(ana.id, "body-scan-10", "  A body scan ");
    expect(track).toMatchObject({
      title: "A body scan",
      kind: "body_scan",
      language: "en",
      format: "wav",
      durationMs: 600_000,
      positionMs: 0,
    });
    const voice = notices.filter((n) => n.kind === "progress" && n.job === "meditation.voice");
    expect(voice.length).toBeGreaterThan(1);
    expect(voice.at(-1)).toMatchObject({ profileId: ana.id });
    expect(voice.at(-1)).toMatchObject({ done: 6, total: 6 });
    expect((await backend.guidedTracks(ana.id)).map((t) => t.id)).toEqual([track.id]);
    expect(await backend.guidedTracks(ben.id)).toEqual([]);
  });

  it("checks the script, then the title, then the voice; nothing is kept when it fails", async () => {
    const { backend, ana } = withTwo();
    expect(await refusal(backend.speakWrittenMeditation(ana.id, "no-such-script", "   "))).toEqual({
      code: "not_found",
      reason: "not_found",
      params: { subject: "script", value: "no-such-script" },
    });
    backend.tracks.voiceProblem = "phonemizer_missing";
    expect(
      await refusal(backend.speakWrittenMeditation(ana.id, "breathing-focus-3", "   ")),
    ).toEqual({ code: "validation", reason: "empty", params: { subject: "title" } });
    expect(
      await refusal(backend.speakWrittenMeditation(ana.id, "breathing-focus-3", "Breath")),
    ).toEqual({
      code: "unavailable",
      reason: "voice_unavailable",
      params: { subject: "voice", value: "phonemizer_missing" },
    });
    expect(await backend.guidedTracks(ana.id)).toEqual([]);
  });

  it("speaks breathing's cues once for the app, with their progress the first time", async () => {
    const { backend, ana, ben } = withTwo();
    expect(await refusal(backend.prepareVoiceCues("profile-404"))).toMatchObject({
      code: "not_found",
      params: { subject: "profile" },
    });
    backend.tracks.voiceProblem = "phonemizer_failed";
    expect(await refusal(backend.prepareVoiceCues(ana.id))).toEqual({
      code: "unavailable",
      reason: "voice_unavailable",
      params: { subject: "voice", value: "phonemizer_failed" },
    });
    backend.tracks.voiceProblem = null;

    const notices: CoreNotice[] = [];
    backend.onCoreNotice((notice) => notices.push(notice));
    expect(await backend.prepareVoiceCues(ana.id)).toBe(7);
    const cues = notices.filter((n) => n.kind === "progress" && n.job === "breathing.voice_cues");
    expect(cues.map((n) => (n.kind === "progress" ? [n.done, n.total] : null))).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((done) => [done, 7]),
    );
    expect(cues.at(-1)).toMatchObject({ profileId: ana.id });

    // Kept for the app: another profile, or a voice gone since, has them at once.
    backend.tracks.voiceProblem = "model_missing";
    expect(await backend.prepareVoiceCues(ben.id)).toBe(7);
    expect(notices).toHaveLength(7);
    // Another app has its own: its voice speaks them again.
    const other = new FakeBackend();
    const cy = other.seedProfile("Cy");
    other.tracks.voiceProblem = "model_missing";
    expect(await refusal(other.prepareVoiceCues(cy.id))).toMatchObject({
      reason: "voice_unavailable",
    });
  });

  it("writes a meditation for the person: its length, a chat model, the script, the title, the voice", async () => {
    const { backend, ana, ben } = withTwo();
    const write = (minutes: number, title = "For you") =>
      refusal(backend.writeMeditation(ana.id, { minutes, title }));
    expect(await write(2)).toEqual({
      code: "validation",
      reason: "out_of_range",
      params: { subject: "meditation_length", min: 3, max: 30, actual: 2 },
    });
    expect(await write(31)).toMatchObject({ params: { actual: 31 } });
    expect(await write(5, "   ")).toEqual({
      code: "validation",
      reason: "no_chat_model",
      params: {},
    });

    backend.chat.seedProvider(ana.id);
    expect(await write(5, "   ")).toEqual({
      code: "validation",
      reason: "empty",
      params: { subject: "title" },
    });
    backend.tracks.modelScript = "  [PAUSE 5s]  ";
    expect(await write(5)).toMatchObject({ code: "validation", reason: "empty_reply" });
    backend.tracks.modelScript = "Breathe. [PAUSE 5s] Rest.";
    backend.tracks.voiceProblem = "model_missing";
    expect(await write(5)).toMatchObject({ code: "unavailable", reason: "voice_unavailable" });
    expect(await backend.guidedTracks(ana.id)).toEqual([]);
    backend.tracks.voiceProblem = null;

    const notices: CoreNotice[] = [];
    backend.onCoreNotice((notice) => notices.push(notice));
    const track = await backend.writeMeditation(ana.id, { minutes: 5, title: " For you " });
    expect(track).toMatchObject({
      title: "For you",
      kind: "difficulties",
      language: "en",
      format: "wav",
      durationMs: 300_000,
    });
    expect(
      notices.flatMap((n) => (n.kind === "progress" ? [[n.job, n.done, n.total]] : [])),
    ).toEqual([
      ["meditation.write", 0, 1],
      ["meditation.write", 1, 1],
      ["meditation.voice", 1, 3],
      ["meditation.voice", 2, 3],
      ["meditation.voice", 3, 3],
    ]);
    expect(await backend.trackScript(ana.id, track.id)).toBe("Breathe. [PAUSE 5s] Rest.");
    const other = backend.tracks.seed(ana.id);
    expect(await backend.trackScript(ana.id, other.id)).toBeNull();
    expect(await refusal(backend.trackScript(ben.id, track.id))).toMatchObject({
      code: "not_found",
      params: { subject: "guided_track" },
    });
  });

  it("lists the two series with only their first days open", async () => {
    const { backend, ana } = withTwo();
    const all = await backend.meditationSeries(ana.id);
    expect(all.map((s) => [s.id, s.days.length, s.completedOn])).toEqual([
      ["seven_day_calm", 7, null],
      ["sleep_better", 5, null],
    ]);
    expect(all[0]?.days.map((d) => d.kind)).toEqual([
      "breathing_focus",
      "breathing_focus",
      "body_scan",
      "daily_mindfulness",
      "daily_mindfulness",
      "loving_kindness",
      "daily_mindfulness",
    ]);
    expect(all[1]?.days[0]).toEqual({
      day: 1,
      kind: "sleep",
      minutes: 8,
      trackId: null,
      completedOn: null,
      open: true,
    });
    for (const series of all) {
      expect(series.days.filter((d) => d.open).map((d) => d.day)).toEqual([1]);
    }
    expect(await refusal(backend.meditationSeries("nobody"))).toMatchObject({
      reason: "not_found",
      params: { subject: "profile" },
    });
  });

  it("checks the series, the day, that it is open, then the title and the voice", async () => {
    const { backend, ana } = withTwo();
    const day = (series: string, n: number, title = "Night") =>
      refusal(backend.seriesDayTrack(ana.id, series, n, title));
    expect(await day("nope", 0, "   ")).toEqual({
      code: "validation",
      reason: "invalid_value",
      params: {
        subject: "meditation_series",
        value: "nope",
        expected: ["seven_day_calm", "sleep_better"],
      },
    });
    for (const n of [0, 6, 300]) {
      expect(await day("sleep_better", n, "   ")).toEqual({
        code: "validation",
        reason: "out_of_range",
        params: { subject: "series_day", min: 1, max: 5, actual: n },
      });
    }
    expect(await day("seven_day_calm", 2, "   ")).toEqual({
      code: "conflict",
      reason: "series_day_locked",
      params: { subject: "series_day", actual: 2, max: 1 },
    });
    expect(await day("seven_day_calm", 1, "   ")).toEqual({
      code: "validation",
      reason: "empty",
      params: { subject: "title" },
    });
    backend.tracks.voiceProblem = "model_missing";
    expect(await day("seven_day_calm", 1)).toEqual({
      code: "unavailable",
      reason: "voice_unavailable",
      params: { subject: "voice", value: "model_missing" },
    });
    expect(await backend.guidedTracks(ana.id)).toEqual([]);
    expect((await backend.meditationSeries(ana.id))[0]?.days[0]?.trackId).toBeNull();
  });

  it("speaks a day once, and it is done (a meditation in Progress) once heard to its end", async () => {
    const { backend, ana, ben } = withTwo();
    const notices: CoreNotice[] = [];
    backend.onCoreNotice((notice) => notices.push(notice));
    const voice = () =>
      notices.filter((n) => n.kind === "progress" && n.job === "meditation.voice");

    const track = await backend.seriesDayTrack(ana.id, "seven_day_calm", 1, " Calm, day 1 ");
    expect(track).toMatchObject({
      title: "Calm, day 1",
      kind: "breathing_focus",
      language: "en",
      format: "wav",
      durationMs: 300_000,
      positionMs: 0,
    });
    expect(voice().length).toBeGreaterThan(1);
    expect(voice().at(-1)).toMatchObject({ profileId: ana.id, done: 29, total: 29 });
    expect(await backend.trackScript(ana.id, track.id)).not.toBeNull();
    const spoken = voice().length;
    expect(await backend.seriesDayTrack(ana.id, "seven_day_calm", 1, "another")).toEqual(track);
    expect(voice()).toHaveLength(spoken);
    let calm = (await backend.meditationSeries(ana.id))[0];
    expect(calm?.days[0]).toMatchObject({ trackId: track.id, completedOn: null, open: true });
    expect(calm?.days[1]?.open).toBe(false);

    // Stopped before its end, it is not done.
    await backend.playTrack(ana.id, track.id, 60_000, null);
    backend.tracks.advance(1_000);
    await backend.stopTrack(ana.id);
    expect((await backend.meditationSeries(ana.id))[0]?.days[0]?.completedOn).toBeNull();

    // Heard to its end, it is done today and the next day opens.
    await backend.playTrack(ana.id, track.id, 299_000, null);
    backend.tracks.advance(1_000);
    expect(await backend.trackPlayback(ana.id)).toMatchObject({ ended: true });
    const today = localDay();
    calm = (await backend.meditationSeries(ana.id))[0];
    expect(calm?.days[0]?.completedOn).toBe(today);
    expect(calm?.days.filter((d) => d.open).map((d) => d.day)).toEqual([1, 2]);
    expect(calm?.completedOn).toBeNull();
    expect(await refusal(backend.seriesDayTrack(ana.id, "seven_day_calm", 3, "x"))).toMatchObject({
      reason: "series_day_locked",
      params: { actual: 3, max: 2 },
    });
    const overview = await backend.getProgress(ana.id, today);
    expect(overview.totals.find((t) => t.activity === "meditation")?.completed).toBe(1);
    expect(overview.activeDays).toEqual([today]);
    expect(overview.badges?.find((b) => b.code === "series_completed")).toEqual({
      code: "series_completed",
      earnedOn: null,
      progress: 0,
      target: 1,
    });
    expect(await backend.activityEffectiveness(ana.id)).toContainEqual(
      expect.objectContaining({ activity: "meditation", kind: "breathing_focus", completed: 1 }),
    );

    // Deleting its track forgets it; the day stays done. The other profile has done nothing.
    await backend.deleteTrack(ana.id, track.id);
    expect((await backend.meditationSeries(ana.id))[0]?.days[0]).toMatchObject({
      trackId: null,
      completedOn: today,
    });
    const theirs = (await backend.meditationSeries(ben.id))[0];
    expect(theirs?.days.filter((d) => d.open).map((d) => d.day)).toEqual([1]);
  });

  it("completes a series on its last day, which earns its badge", async () => {
    const { backend, ana } = withTwo();
    for (let day = 1; day <= 5; day++) {
      backend.tracks.seriesDays.push({
        profileId: ana.id,
        series: "sleep_better",
        day,
        kind: "sleep",
        trackId: null,
        completedAt: `2026-10-0${String(day)}T21:00:00Z`,
        completedOn: `2026-10-0${String(day)}`,
      });
    }
    const sleep = (await backend.meditationSeries(ana.id))[1];
    expect(sleep?.completedOn).toBe("2026-10-05");
    expect(sleep?.days.every((d) => d.open)).toBe(true);
    const overview = await backend.getProgress(ana.id, "2026-10-06");
    expect(overview.badges?.find((b) => b.code === "series_completed")).toEqual({
      code: "series_completed",
      earnedOn: "2026-10-05",
      progress: 1,
      target: 1,
    });
    expect(overview.activeDays).toHaveLength(5);
  });
});
