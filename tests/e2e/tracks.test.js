// Guided tracks end to end in the real app (issue 10): a WAV made here is imported from the
// Meditation page (the native file dialog answered by WBOT_PICK_FILE, as WebDriver cannot reach
// it), plays on a private PulseAudio null sink (so its place moves in real time), is sought to
// 50 %, stopped, and resumed from there. A meditation the team wrote is spoken by the local voice
// into a track, which plays; so is one the (fake) chat model writes for the person. A series' first
// day is spoken on its first play, heard to its end, and done; the next day opens.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { startFakeLlm } from "./fakeLlm.js";
import { invoke, withApp } from "./harness.js";
import { byButton, click, fillField, onboard, waitForText } from "./ui.js";

const SECONDS = 20;

/** A mono 16-bit 16 kHz WAV of a soft 220 Hz tone. */
function writeToneWav(file, seconds) {
  const rate = 16_000;
  const frames = rate * seconds;
  const data = Buffer.alloc(frames * 2);
  for (let i = 0; i < frames; i++) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 220 * i) / rate) * 8000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
}

/** A scratch folder and a private PulseAudio daemon with a null sink in it, both gone after test `t`. */
async function scratchWithPulse(t) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "wbot-tracks-"));
  const pulse = await startPulse(dir);
  t.after(() => {
    pulse.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, server: pulse.server };
}

/** A private PulseAudio daemon with a null sink; its server address for the app. */
async function startPulse(dir) {
  const runtime = path.join(dir, "runtime");
  mkdirSync(runtime, { recursive: true });
  const socket = path.join(dir, "native");
  const daemon = spawn(
    "pulseaudio",
    [
      "--daemonize=no",
      "--exit-idle-time=-1",
      "-n",
      "--use-pid-file=no",
      "--disable-shm=yes",
      "-L",
      "module-null-sink sink_name=e2e_sink rate=48000",
      "-L",
      `module-native-protocol-unix auth-anonymous=1 socket=${socket}`,
      "-L",
      "module-always-sink",
    ],
    { env: { ...process.env, XDG_RUNTIME_DIR: runtime, HOME: dir }, stdio: "ignore" },
  );
  const server = `unix:${socket}`;
  const until = Date.now() + 10_000;
  for (;;) {
    const info = spawnSync("pactl", ["info"], { env: { ...process.env, PULSE_SERVER: server }, stdio: "ignore" });
    if (info.status === 0) break;
    if (Date.now() > until) throw new Error("pulseaudio did not answer; run scripts/setup");
    await new Promise((r) => setTimeout(r, 50));
  }
  return { server, stop: () => daemon.kill("SIGTERM") };
}

/** The player's place, from its Position slider (ms). */
async function position(b) {
  const slider = await b.$(`//section[@aria-label="Now playing"]//input[@aria-label="Position"]`);
  await slider.waitForExist({ timeout: 10_000 });
  return Number(await slider.getValue());
}

/** Moves the Position slider to `ms` the way a drag does (input while moving, change on release). */
async function seek(b, ms) {
  const slider = await b.$(`//section[@aria-label="Now playing"]//input[@aria-label="Position"]`);
  await b.execute(
    (el, v) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
      setter.call(el, String(v));
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
    slider,
    ms,
  );
}

test("a WAV imported as a guided track plays, is sought to 50 %, stopped and resumed from there", async (t) => {
  const { dir, server } = await scratchWithPulse(t);
  const wav = path.join(dir, "Calm start.wav");
  writeToneWav(wav, SECONDS);

  await withApp(
    t,
    async (app) => {
      const b = app.browser;
      await onboard(b, "Ana");
      await click(b, "Meditation");
      await click(b, "Import a track");
      const title = await b.$(`//*[@id=//label[normalize-space(.)="Title"]/@for]`);
      await title.waitForExist({ timeout: 10_000 });
      assert.equal(await title.getValue(), "Calm start", "the file's name is the title");
      await fillField(b, "Type", "body_scan");
      await click(b, "Import");
      await click(b, "Play Calm start");

      // It plays: its place moves on in real time.
      await b.waitUntil(async () => (await position(b)) >= 2_000, {
        timeout: 15_000,
        timeoutMsg: "the track's place did not move",
      });

      const half = (SECONDS * 1000) / 2;
      await seek(b, half);
      await b.waitUntil(async () => {
        const at = await position(b);
        return at >= half && at < half + 4_000;
      }, { timeout: 10_000, timeoutMsg: "the track was not sought to 50 %" });

      await click(b, "Stop");
      const { ok: profile } = await invoke(b, "active_profile");
      const { ok: tracks } = await invoke(b, "guided_tracks", { profileId: profile.id });
      assert.equal(tracks.length, 1);
      const stoppedAt = tracks[0].positionMs;
      assert.ok(stoppedAt >= half && stoppedAt < half + 5_000, `stopped at ${stoppedAt} ms`);
      assert.equal(tracks[0].durationMs, SECONDS * 1000);

      // Resumed from there, not from the start.
      await click(b, "Play Calm start");
      const resumedAt = await position(b);
      assert.ok(resumedAt >= stoppedAt - 1_000, `resumed at ${resumedAt} ms, stopped at ${stoppedAt}`);
      await b.waitUntil(async () => (await position(b)) >= stoppedAt + 1_000, {
        timeout: 10_000,
        timeoutMsg: "the resumed track did not play on",
      });
      await click(b, "Stop");
    },
    { env: { WBOT_PICK_FILE: wav, PULSE_SERVER: server } },
  );
});

test("a meditation the team wrote is spoken by the local voice into a track that plays", async (t) => {
  const { server } = await scratchWithPulse(t);

  await withApp(
    t,
    async (app) => {
      const b = app.browser;
      await onboard(b, "Ana");
      await click(b, "Meditation");
      await click(b, "Prepare Three minutes with the breath");
      // The voice speaks it on the device (about 20 s), then it is one of the tracks.
      await waitForText(b, "“Three minutes with the breath” is ready in your tracks.", 120_000);
      const { ok: profile } = await invoke(b, "active_profile");
      const { ok: tracks } = await invoke(b, "guided_tracks", { profileId: profile.id });
      assert.equal(tracks.length, 1);
      assert.equal(tracks[0].kind, "breathing_focus");
      assert.ok(tracks[0].durationMs > 150_000, `${tracks[0].durationMs} ms`);

      await click(b, "Play Three minutes with the breath");
      await b.waitUntil(async () => (await position(b)) >= 2_000, {
        timeout: 15_000,
        timeoutMsg: "the spoken meditation did not play",
      });
      await click(b, "Stop");
    },
    { env: { PULSE_SERVER: server } },
  );
});

test("a meditation written for the person by the fake chat model is spoken by the local voice, saved and played", async (t) => {
  const { server } = await scratchWithPulse(t);
  const llm = await startFakeLlm({ kind: "openai" });
  t.after(() => llm.close());
  llm.enqueue({
    reply:
      "Welcome, Ana. Let yourself settle into your seat. [PAUSE 3s] Notice the worry about tomorrow, and where it sits in your body. [PAUSE 4s] Breathe around it, kindly. [PAUSE 3s] Now come back, gently, when you are ready.",
  });

  await withApp(
    t,
    async (app) => {
      const b = app.browser;
      await onboard(b, "Ana");
      const { ok: ana } = await invoke(b, "active_profile");
      const { err } = await invoke(b, "save_provider", {
        profileId: ana.id,
        input: { id: null, name: "Fake", kind: "openAiCompatible", baseUrl: llm.baseUrl, model: "fake", timeoutMs: 20_000 },
      });
      assert.equal(err, undefined, JSON.stringify(err));
      await invoke(b, "add_checkin", {
        profileId: ana.id,
        checkin: { mood: 2, emotions: ["anxious"], note: "exam tomorrow", at: null },
      });
      await click(b, "Meditation");
      await fillField(b, "Length", "5");
      await click(b, "Write and speak");
      await waitForText(b, "“A meditation for you” is ready in your tracks.", 120_000);

      // Written for her: the model was asked for the practice her anxiety calls for, with what she shared.
      assert.equal(llm.requests.length, 1);
      const asked = JSON.stringify(llm.requests[0].body);
      assert.match(asked, /worry or a hard feeling/);
      assert.match(asked, /exam tomorrow/);
      const { ok: tracks } = await invoke(b, "guided_tracks", { profileId: ana.id });
      assert.equal(tracks.length, 1);
      assert.equal(tracks[0].kind, "difficulties");
      const { ok: script } = await invoke(b, "track_script", { profileId: ana.id, trackId: tracks[0].id });
      assert.match(script, /^Welcome, Ana\./);

      await click(b, "Play A meditation for you");
      await b.waitUntil(async () => (await position(b)) >= 2_000, {
        timeout: 15_000,
        timeoutMsg: "the meditation written for her did not play",
      });
      await click(b, "Stop");
    },
    { env: { PULSE_SERVER: server } },
  );
});

test("a series day is spoken on its first play, heard to its end, done, and the next day opens", async (t) => {
  const { server } = await scratchWithPulse(t);

  await withApp(
    t,
    async (app) => {
      const b = app.browser;
      await onboard(b, "Ana");
      await click(b, "Meditation");
      await (await byButton(b, "Play day 1 of 7 Day Calm")).waitForClickable({ timeout: 10_000 });
      assert.equal(await (await byButton(b, "Play day 2 of 7 Day Calm")).isExisting(), false, "day 2 waits");
      await click(b, "Play day 1 of 7 Day Calm");
      // The voice speaks the day on the device (about five minutes of meditation), then it plays.
      await b.waitUntil(async () => (await position(b)) >= 1_000, {
        timeout: 150_000,
        timeoutMsg: "the series day was not spoken and played",
      });
      const { ok: ana } = await invoke(b, "active_profile");
      const { ok: series } = await invoke(b, "meditation_series", { profileId: ana.id });
      const trackId = series[0].days[0].trackId;
      assert.ok(trackId, "the day keeps its track");
      const { ok: tracks } = await invoke(b, "guided_tracks", { profileId: ana.id });
      const track = tracks.find((x) => x.id === trackId);
      assert.equal(track.kind, "breathing_focus");

      // Heard to its end: the day is done, day 2 opens, and it counts as a meditation.
      await seek(b, track.durationMs - 2_000);
      await (await byButton(b, "Play day 2 of 7 Day Calm")).waitForClickable({ timeout: 15_000 });
      const { ok: after } = await invoke(b, "meditation_series", { profileId: ana.id });
      const today = after[0].days[0].completedOn;
      assert.ok(today, "day 1 is done");
      assert.equal(after[0].days[1].completedOn, null);
      const { ok: progress } = await invoke(b, "get_progress", { profileId: ana.id, today });
      const meditated = progress.totals.find((x) => x.activity === "meditation").completed;
      assert.equal(meditated, 1, "the day done counts as a meditation");
    },
    { env: { PULSE_SERVER: server } },
  );
});
