//! The crash campaign (issue 13, "Proof"): `wbot` imports memories, journal entries (with their mood
//! check-ins), breathing and meditation sessions, and is killed with SIGKILL at a random moment, again
//! and again on one data folder. After each kill the folder is opened as the app would: `PRAGMA
//! integrity_check` must say ok, every write the process acknowledged (printed) must be there with its
//! check-ins, and the memory index must agree with SQLite (rebuilt on open if it was behind).
//!
//! `crash_campaign [--kills N] [--seed S]`; the `wbot` binary next to this one does the writing. One JSON
//! line per kill on stderr, the totals on stdout; exits 1 if anything was lost or broken.
//! `scripts/crash-campaign` builds and runs it; the figures are in docs/reliability.md.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use serde_json::{json, Value};
use wbot_core::memory::{EnvPaths, MemoryConfig};
use wbot_core::{Core, ProfileId};

/// What one kind of write is: the `wbot` subcommand, the table it fills, and its input lines.
struct Kind {
    name: &'static str,
    args: &'static [&'static str],
    table: &'static str,
    /// Mood check-ins each acknowledged row carries (before and after).
    checkins: i64,
    line: fn(usize) -> String,
}

const KINDS: [Kind; 4] = [
    Kind {
        name: "memory",
        args: &["memory", "import"],
        table: "memories",
        checkins: 0,
        line: |i| format!("Memory {i}: a walk by the river helped after a long day at work"),
    },
    Kind {
        name: "journal",
        args: &["journal", "import"],
        table: "journal_entries",
        checkins: 2,
        line: |i| {
            json!({"text": format!("Entry {i}: today I noticed the light"), "writingMs": 1000,
                   "moodBefore": 2, "moodAfter": 4})
            .to_string()
        },
    },
    Kind {
        name: "breathing",
        args: &["breathing", "import"],
        table: "breathing_sessions",
        checkins: 2,
        line: |i| {
            json!({"config": {"technique": "box"}, "startedAt": at(i, 0), "endedAt": at(i, 2),
                   "completed": true, "stoppedAt": null, "rounds": [], "durationMs": 64000,
                   "moodBefore": 2, "moodAfter": 4})
            .to_string()
        },
    },
    Kind {
        name: "meditation",
        args: &["meditation", "import"],
        table: "meditation_sessions",
        checkins: 2,
        line: |i| {
            json!({"plannedMs": 60000, "durationMs": 60000, "completed": true,
                   "startedAt": at(i, 0), "endedAt": at(i, 1), "moodBefore": 3, "moodAfter": 4})
            .to_string()
        },
    },
];

/// A time on some day of 2026, `minute` minutes after 08:00 (sessions need a start and an end).
fn at(i: usize, minute: usize) -> String {
    format!(
        "2026-{:02}-{:02}T08:{minute:02}:00Z",
        1 + (i / 28) % 12,
        1 + i % 28
    )
}

/// A small deterministic generator (xorshift64*), so a campaign can be run again as it was.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.windows(2)
        .find(|w| w[0] == name)
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(default)
}

fn wbot(dir: &Path) -> Command {
    let exe = std::env::current_exe().expect("this binary's path");
    let mut cmd = Command::new(exe.with_file_name("wbot"));
    cmd.arg("--data-dir").arg(dir);
    cmd
}

/// Runs one import, kills it after `delay`; the ids it acknowledged.
fn killed_import(
    dir: &Path,
    profile: &str,
    kind: &Kind,
    delay: Duration,
    first: usize,
) -> Vec<String> {
    let mut child = wbot(dir)
        .args(kind.args)
        .args(["--profile", profile])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("wbot starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let line = kind.line;
    let writer = std::thread::spawn(move || {
        for i in first..first + 100_000 {
            if writeln!(stdin, "{}", line(i)).is_err() {
                return; // killed
            }
        }
    });
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut ids = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // A line cut by the kill was never acknowledged.
            if let Ok(v) = serde_json::from_str::<Value>(&line) {
                if let Some(id) = v["id"].as_str().or(v["entry"]["id"].as_str()) {
                    ids.push(id.to_string());
                }
            }
        }
        ids
    });
    std::thread::sleep(delay);
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let _ = writer.join();
    reader.join().unwrap_or_default()
}

/// What opening the folder after a kill found.
struct Check {
    integrity_ok: bool,
    lost: usize,
    index_agrees: bool,
}

async fn check(dir: &Path, profile: &ProfileId, kind: &Kind, acknowledged: &[String]) -> Check {
    let core = Core::open(dir)
        .await
        .expect("the folder opens after a kill");
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/resources");
    core.memory()
        .configure(MemoryConfig::resolve(None, Some(&dev), &EnvPaths::from_process()).0)
        .await;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(core.db().reader())
        .await
        .unwrap_or_default();
    let mut lost = 0;
    for id in acknowledged {
        let rows: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM {} WHERE id = ?", kind.table))
                .bind(id)
                .fetch_one(core.db().reader())
                .await
                .unwrap_or(0);
        let checkins: i64 =
            sqlx::query_scalar("SELECT count(*) FROM mood_checkins WHERE activity_id = ?")
                .bind(id)
                .fetch_one(core.db().reader())
                .await
                .unwrap_or(-1);
        if rows != 1 || checkins != kind.checkins {
            lost += 1;
        }
    }
    let index_agrees = match core.memory().memory_status(profile).await {
        Ok(s) => s.indexed + s.pending_embeddings == s.count,
        Err(_) => false,
    };
    core.close().await;
    Check {
        integrity_ok: integrity == "ok",
        lost,
        index_agrees,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let kills = arg(&args, "--kills", 100) as usize;
    let seed = arg(&args, "--seed", 7);
    let mut rng = Rng(seed.max(1));
    let folder: PathBuf =
        std::env::temp_dir().join(format!("wbot-crash-campaign-{}", std::process::id()));
    let out = wbot(&folder)
        .args(["profiles", "create", "Ana"])
        .output()
        .expect("wbot runs");
    let profile: Value = serde_json::from_slice(&out.stdout).expect("a profile");
    let profile_id = profile["id"].as_str().expect("an id").to_string();
    let parsed: ProfileId = profile_id.parse().expect("a profile id");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");

    let (mut acknowledged, mut lost, mut broken, mut index_off) = (0, 0, 0, 0);
    let mut next = 0;
    for round in 0..kills {
        let kind = &KINDS[rng.below(KINDS.len() as u64) as usize];
        // From before the first write (the model loads first for memories) to well into a batch.
        let delay = Duration::from_millis(20 + rng.below(3_000));
        let ids = killed_import(&folder, &profile_id, kind, delay, next);
        next += ids.len() + 1;
        let found = runtime.block_on(check(&folder, &parsed, kind, &ids));
        acknowledged += ids.len();
        lost += found.lost;
        broken += usize::from(!found.integrity_ok);
        index_off += usize::from(!found.index_agrees);
        eprintln!(
            "{}",
            json!({"kill": round + 1, "kind": kind.name, "afterMs": delay.as_millis() as u64,
                   "acknowledged": ids.len(), "lost": found.lost, "integrityOk": found.integrity_ok,
                   "indexAgrees": found.index_agrees})
        );
    }
    println!(
        "{}",
        json!({"kills": kills, "seed": seed, "acknowledged": acknowledged, "lost": lost,
               "integrityFailures": broken, "indexDisagreements": index_off})
    );
    let _ = std::fs::remove_dir_all(&folder);
    if lost == 0 && broken == 0 && index_off == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
