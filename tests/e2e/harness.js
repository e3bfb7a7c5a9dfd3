// Starts the real Wbot binary through tauri-driver (which drives WebKitWebDriver) with a fresh data
// directory, and hands tests a WebdriverIO browser. A failing test leaves a screenshot in artifacts/.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { remote } from "webdriverio";

const APP = process.env.WBOT_APP_BIN;
const ARTIFACTS = path.join(import.meta.dirname, "artifacts");

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Kills every instance of the app binary started with WBOT_DATA_DIR=dir. The driver chain
 * (tauri-driver → WebKitWebDriver → app) does not always take the app down with the session, and a
 * stray app would keep the test runner alive or share the data dir with the next start. Each test's
 * data dir is unique, so this hits only its own app (never the drivers, which carry the same env).
 */
function killAppsUsing(dir) {
  const app = realpathSync(APP);
  const marker = `WBOT_DATA_DIR=${dir}\0`;
  const killed = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (
        readlinkSync(`/proc/${pid}/exe`) === app &&
        `${readFileSync(`/proc/${pid}/environ`, "latin1")}\0`.includes(marker)
      ) {
        process.kill(Number(pid), "SIGKILL");
        killed.push(pid);
      }
    } catch {
      // gone already, or not ours to read
    }
  }
  return killed;
}

/** Whether a process has ended (gone, or a zombie: its files, and the data folder's lock, are released). */
function ended(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, "latin1").split(") ")[1]?.startsWith("Z") ?? true;
  } catch {
    return true;
  }
}

/**
 * Whether a process still holds the data folder's lock (`wbot.lock`, an flock listed in /proc/locks by
 * device:inode). An app already on its way out when it was looked for is not found by its binary (its
 * /proc/<pid>/exe is gone before its files are closed), but it holds the lock until the very end.
 */
function folderLocked(dir) {
  let ino;
  try {
    ino = statSync(path.join(dir, "wbot.lock")).ino;
  } catch {
    return false;
  }
  return readFileSync("/proc/locks", "latin1")
    .split("\n")
    .some((line) => line.split(/\s+/).some((field) => field.endsWith(`:${ino}`)));
}

/** Kills the app on `dir` and waits until it has ended and let go of the folder, so the next start (or the
 * CLI) can take it. */
async function stopAppsUsing(dir) {
  const killed = killAppsUsing(dir);
  const deadline = Date.now() + 10_000;
  while (!killed.every(ended) || folderLocked(dir)) {
    if (Date.now() > deadline) throw new Error(`the app on ${dir} did not end (or let go of the folder) after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitForPort(port, child, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tauri-driver exited with ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => { s.destroy(); resolve(true); });
      s.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port} within ${ms} ms`);
}

/**
 * A driver process with its own data dir; `open()` starts (or restarts) the app on it. `env`: more
 * environment for the app (e.g. `WBOT_CLOCK_OFFSET_DAYS`, which runs a debug build's core on another day).
 */
export async function startDriver({ dataDir, env = {} } = {}) {
  if (!APP) throw new Error("WBOT_APP_BIN is not set (scripts/test sets it)");
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), "wbot-e2e-"));
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env: { ...process.env, ...env, WBOT_DATA_DIR: dir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const spawned = new Promise((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (e) => reject(new Error(`tauri-driver could not start (${e.message}); run scripts/setup`)));
  });
  await spawned;
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  // tauri-driver listens before the WebKitWebDriver it starts does; a session requested in between
  // fails with a dropped socket, so wait for both.
  await waitForPort(port, child);
  await waitForPort(nativePort, child);
  let browser = null;

  return {
    dataDir: dir,
    get browser() { return browser; },
    async open() {
      if (browser) await this.closeApp();
      const connect = () =>
        remote({
          hostname: "127.0.0.1",
          port,
          logLevel: "error",
          connectionRetryCount: 2,
          // A session normally starts in 1–3 s; one that has not answered in a minute never will.
          connectionRetryTimeout: 60_000,
          capabilities: {
            "wdio:enforceWebDriverClassic": true,
            "tauri:options": { application: APP },
          },
        });
      try {
        browser = await connect();
      } catch (err) {
        // Seen once in CI on a restart: WebKitWebDriver never answered the new session. Take down
        // whatever it started and ask once more; a second failure is the test's.
        console.error(`new session failed (${err.message}); asking again`);
        await stopAppsUsing(dir);
        browser = await connect();
      }
      return browser;
    },
    async closeApp() {
      if (!browser) return;
      await browser.deleteSession().catch(() => {});
      browser = null;
      // Make sure the old app is gone before a restart starts a new one on the same data.
      await stopAppsUsing(dir);
    },
    async screenshot(name) {
      if (!browser) return;
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, "_")}.png`);
      await browser.saveScreenshot(file).catch(() => {});
      return file;
    },
    async stop({ keepData = false } = {}) {
      await this.closeApp();
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      killAppsUsing(dir);
      if (!keepData && !dataDir) rmSync(dir, { recursive: true, force: true });
      return stderr;
    },
  };
}

/**
 * Runs `fn(driver)` against a fresh app; saves a screenshot when it throws, always stops the driver.
 */
export async function withApp(t, fn, options) {
  const driver = await startDriver(options);
  try {
    await driver.open();
    await fn(driver);
  } catch (err) {
    const shot = await driver.screenshot(t.name);
    if (shot) err.message += `\n(screenshot: ${shot})`;
    throw err;
  } finally {
    await driver.stop();
  }
}

/** Calls a Wbot command through the real IPC, as the generated bindings do; resolves {ok}|{err} (a result holding an `error` key would read as a WebDriver failure). */
export async function invoke(browser, cmd, args = {}) {
  return browser.executeAsync(
    (cmd, args, done) => {
      window.__TAURI_INTERNALS__
        .invoke(cmd, args)
        .then((ok) => done({ ok }), (err) => done({ err }));
    },
    cmd,
    args,
  );
}
