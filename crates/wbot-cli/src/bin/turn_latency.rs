//! A chat turn's work before the request leaves: one embedding of the message, the crisis layers and the
//! activity guess (`Core::judge_message`), and the memory recall with the same vector
//! (`Core::recall_for_prompt`), over the labelled sets' memories (both languages, in one profile).
//! Messages: the test split of the crisis and activity sets, in order. Prints p50/p99 of each part.
//!
//! `cargo run -p wbot-cli --bin turn_latency -- [messages]` (default 300), after `scripts/fetch-assets`.

use std::path::Path;
use std::time::Instant;

use wbot_core::chat::dataset::{self, Split};
use wbot_core::chat::judgement::Recent;
use wbot_core::memory::{EnvPaths, MemoryConfig, NewMemory};
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::Core;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn row(name: &str, mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    format!(
        "| {name} | {:.2} ms | {:.2} ms |",
        percentile(&ms, 0.5),
        percentile(&ms, 0.99)
    )
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(300);
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/resources");
    let dir = std::env::temp_dir().join(format!("wbot-turn-latency-{}", std::process::id()));
    let core = Core::open(&dir).await?;
    core.memory()
        .configure(MemoryConfig::resolve(None, Some(&dev), &EnvPaths::from_process()).0)
        .await;
    let profile = core
        .profiles()
        .create_profile(NewProfile {
            display_name: "Bench".into(),
            onboarding: OnboardingAnswers::neutral(),
        })
        .await?;
    let data = dataset::default_dir();
    let memories: Vec<NewMemory> = dataset::retrieval(&data)?
        .into_iter()
        .flat_map(|s| s.memories.into_iter().map(|(_, t)| NewMemory::note(t)))
        .collect();
    let count = memories.len();
    core.memory().add_memories(&profile.id, memories).await?;
    let messages: Vec<String> = dataset::crisis(&data)?
        .into_iter()
        .chain(dataset::activity(&data)?)
        .filter(|e| e.split == Split::Test)
        .map(|e| e.text)
        .take(n)
        .collect();
    // Warm up: the model loads on first use.
    core.chat()
        .judge_message("warm up", &Recent::default())
        .await;
    let (mut judge, mut recall, mut total) = (Vec::new(), Vec::new(), Vec::new());
    for text in &messages {
        let started = Instant::now();
        let judged = core.chat().judge_message(text, &Recent::default()).await;
        let judged_at = Instant::now();
        core.memory()
            .recall_for_prompt(&profile.id, text, judged.vector)
            .await?;
        let done = Instant::now();
        judge.push((judged_at - started).as_secs_f64() * 1e3);
        recall.push((done - judged_at).as_secs_f64() * 1e3);
        total.push((done - started).as_secs_f64() * 1e3);
    }
    println!(
        "{} messages, {count} memories in the profile\n",
        messages.len()
    );
    println!("| part | p50 | p99 |\n|---|---|---|");
    println!(
        "{}",
        row("embed once + crisis layers + activity guess", judge)
    );
    println!("{}", row("memory recall with that vector", recall));
    println!("{}", row("whole turn before the request", total));
    core.close().await;
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
