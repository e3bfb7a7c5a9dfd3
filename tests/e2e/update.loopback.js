// The update path of the installed app, on loopback (issue 14 item 4). Run by scripts/test-update,
// which builds and signs version A (0.1.0, installed with dpkg) and version B (0.1.1), and points both
// at the server started here. Every refusal must leave A installed, unchanged and running; then A
// checks, downloads (with progress), verifies, installs and restarts into B.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync, writeFileSync, mkdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { startDriver } from "./harness.js";
import { byButton, click, fillField, onboard, waitForText } from "./ui.js";

const DIR = process.env.WBOT_UPDATE_DIR;
const PORT = Number(process.env.WBOT_UPDATE_PORT);
const APP = "/usr/bin/wbot-app";
const B = readFileSync(path.join(DIR, "0.1.1", "Wbot_0.1.1_amd64.deb"));
const OTHER_SIGNATURE = readFileSync(path.join(DIR, "other", "Wbot_0.1.1_amd64.deb.sig"), "utf8").trim();
// B's manifest as scripts/release-manifest wrote it for a release, after checking its signature.
const RELEASE = JSON.parse(readFileSync(path.join(DIR, "0.1.1-manifest", "stable.json"), "utf8"));
const { url: B_URL, signature: SIGNATURE } = RELEASE.platforms["linux-x86_64-deb"];

// What the app says of each refusal (ui/src/i18n/errors.en.ts).
const UPDATE_REJECTED = "The update was refused because its signature didn't match. Nothing was changed.";
const DOWNLOAD_STOPPED = "The download stopped before it finished. Nothing was changed.";
const SERVER_STALLED = "The update server took too long to answer. Nothing was changed; Wbot will try again later.";

/** The server: what each channel announces, how the package is served, and what was asked. */
const served = {
  channels: { stable: null, beta: null },
  file: "good",
  requests: [],
  /** Set while a "gated" download waits half way: calling it sends the rest. */
  release: null,
};
const hanging = new Set();

/** The release's manifest, announcing `version` with `signature` for B. */
function manifest(version, signature = SIGNATURE) {
  return { ...RELEASE, version, platforms: { "linux-x86_64-deb": { url: B_URL, signature } } };
}

function servePackage(res) {
  const half = Math.floor(B.length / 2);
  res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": B.length });
  switch (served.file) {
    case "good":
      return res.end(B);
    case "tampered": {
      const copy = Buffer.from(B);
      copy[half] ^= 0xff;
      return res.end(copy);
    }
    case "truncated":
      // The announced length, half of the bytes, then the connection drops.
      return res.write(B.subarray(0, half), () => res.socket.destroy());
    case "stall":
      // Some bytes, then nothing more: the app must give up, not wait forever.
      hanging.add(res);
      return res.write(B.subarray(0, 1024 * 1024));
    case "gated":
      // Half, then the rest once the test has seen the progress bar move.
      res.write(B.subarray(0, half));
      served.release = () => res.end(B.subarray(half));
      return undefined;
    default:
      throw new Error(`unknown file mode ${served.file}`);
  }
}

const server = http.createServer((req, res) => {
  served.requests.push(req.url);
  const channel = req.url.match(/^\/updates\/(stable|beta)\.json$/)?.[1];
  if (channel) {
    const body = served.channels[channel];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "application/json" });
    return res.end(JSON.stringify(body));
  }
  if (req.url === new URL(B_URL).pathname) return servePackage(res);
  return res.writeHead(404).end();
});

const listen = () => new Promise((resolve) => server.listen(PORT, "127.0.0.1", resolve));
const unlisten = () =>
  new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });

const installedVersion = () =>
  execFileSync("dpkg-query", ["-W", "-f=${Version}", "wbot"], { encoding: "utf8" });
const appDigest = () => createHash("sha256").update(readFileSync(APP)).digest("hex");

/** The app's log lines (the debug bundle honours WBOT_DATA_DIR, so they are in the test's folder). */
function logLines(dataDir) {
  const logs = path.join(dataDir, "logs");
  return readdirSync(logs)
    .sort()
    .flatMap((f) => readFileSync(path.join(logs, f), "utf8").split("\n"));
}

describe("updates from a server on loopback", () => {
  let driver;
  let b;
  let digestA;

  before(async () => {
    assert.ok(DIR && PORT, "WBOT_UPDATE_DIR and WBOT_UPDATE_PORT are set by scripts/test-update");
    assert.equal(installedVersion(), "0.1.0");
    digestA = appDigest();
    await listen();
    driver = await startDriver();
    b = await driver.open();
    await onboard(b, "Ana");
    await click(b, "Settings");
    await waitForText(b, "Updates");
  });

  after(async () => {
    for (const res of hanging) res.destroy();
    await driver?.stop();
    await unlisten();
  });

  /** Asks for updates and waits for the status line to say `text`. */
  async function check(text, button = "Check for updates") {
    await click(b, button);
    await waitForText(b, text, 30_000);
  }

  /** A is still the installed app, byte for byte, and still answers. */
  async function assertAIntact() {
    assert.equal(installedVersion(), "0.1.0");
    assert.equal(appDigest(), digestA, "the installed binary is A's");
    assert.ok(await (await byButton(b, "Check for updates")).isDisplayed(), "A still answers");
  }

  /** Checks, finds B, downloads, and waits for the refusal's words. */
  async function refused(words, timeout = 15_000) {
    await check("Wbot 0.1.1 is available");
    await click(b, "Download and install");
    await waitForText(b, words, timeout);
    assert.equal(await (await byButton(b, "Restart to update")).isExisting(), false);
    await assertAIntact();
  }

  it("says it is up to date when the channel offers a lower version", async () => {
    served.channels.stable = manifest("0.0.9");
    await check("Wbot is up to date.");
    assert.ok(served.requests.includes("/updates/stable.json"));
  });

  it("says calmly that the server cannot be reached when there is none, and carries on", async () => {
    await unlisten();
    try {
      await check("Couldn't reach the update server. Wbot will try again later.");
    } finally {
      await listen();
    }
    await assertAIntact();
  });

  it("asks the beta channel's address once the person picks beta, and stable's again after", async () => {
    served.channels.beta = manifest("0.1.1");
    served.requests.length = 0;
    await fillField(b, "Update channel", "beta");
    await waitForText(b, "Wbot 0.1.1 is available", 30_000);
    assert.ok(served.requests.includes("/updates/beta.json"), served.requests.join(", "));
    await fillField(b, "Update channel", "stable");
    await check("Wbot is up to date.");
    served.channels.stable = manifest("0.1.1");
  });

  it("refuses a package signed with another key", async () => {
    served.channels.stable = manifest("0.1.1", OTHER_SIGNATURE);
    served.file = "good";
    await refused(UPDATE_REJECTED);
    served.channels.stable = manifest("0.1.1");
  });

  it("refuses a tampered package", async () => {
    served.file = "tampered";
    await refused(UPDATE_REJECTED);
  });

  it("refuses a truncated download", async () => {
    served.file = "truncated";
    await refused(DOWNLOAD_STOPPED);
  });

  it("gives up on a server that stalls", async () => {
    served.file = "stall";
    await refused(SERVER_STALLED, 60_000);
  });

  it("downloads with progress, verifies, installs and restarts into B", async () => {
    served.file = "gated";
    served.release = null;
    await check("Wbot 0.1.1 is available");
    await click(b, "Download and install");
    // The bar shows the half the server has sent before the rest is released.
    const bar = await b.$('//*[@role="progressbar"][@aria-label="Downloading update"]');
    await bar.waitForDisplayed({ timeout: 30_000 });
    await b.waitUntil(async () => Number(await bar.getAttribute("aria-valuenow")) > 0, {
      timeout: 30_000,
      timeoutMsg: "the progress bar never moved",
    });
    assert.ok(served.release, "the server is holding the second half");
    served.release();
    await (await byButton(b, "Restart to update")).waitForClickable({ timeout: 60_000 });
    assert.equal(installedVersion(), "0.1.1");
    const installed = logLines(driver.dataDir).find((l) => l.includes("update installed"));
    assert.ok(installed, "the install is logged with its figures");
    // A exits as it answers (so the click may lose its session) and starts the installed binary, B.
    await click(b, "Restart to update").catch((err) => {
      if (!/invalid session|session deleted|disconnected/i.test(err.message)) throw err;
    });
    const started = () => logLines(driver.dataDir).some((l) => l.includes("app started") && l.includes("0.1.1"));
    const deadline = Date.now() + 60_000;
    while (!started()) {
      assert.ok(Date.now() < deadline, "B never started");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const running = readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .some((pid) => {
        try {
          return readlinkSync(`/proc/${pid}/exe`) === APP;
        } catch {
          return false;
        }
      });
    assert.ok(running, "the restarted app is the installed binary");
    const figures = Object.fromEntries(
      [...installed.matchAll(/(bytes|download_ms|verify_ms|install_ms)=(\d+)/g)].map((m) => [m[1], Number(m[2])]),
    );
    mkdirSync(path.join(import.meta.dirname, "artifacts"), { recursive: true });
    writeFileSync(path.join(import.meta.dirname, "artifacts", "update-figures.json"), JSON.stringify(figures, null, 2));
    console.log("update figures", figures);
  });
});
