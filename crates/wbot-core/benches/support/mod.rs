//! What the benchmarks share: a small seeded random generator, generated diary-like sentences, percentiles,
//! the process's memory, and the model's configuration from the repository's resources.
#![allow(dead_code)] // each benchmark uses its part

use std::path::Path;
use std::time::Duration;

use wbot_core::memory::MemoryConfig;

pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn gauss(&mut self) -> f32 {
        let (u1, u2) = (self.unit().max(1e-7), self.unit());
        (-2.0 * u1.ln()).sqrt() * (std::f32::consts::TAU * u2).cos()
    }
}

const WHEN: &[&str] = &[
    "This morning",
    "Last night",
    "On Sunday",
    "After work",
    "During lunch",
    "Before the meeting",
    "Yesterday evening",
    "At the weekend",
    "On the train home",
    "Early today",
];
const WHO: &[&str] = &[
    "I",
    "my sister and I",
    "my manager and I",
    "my partner and I",
    "my best friend and I",
    "my dad and I",
    "the team and I",
    "my neighbour and I",
    "my therapist and I",
    "my kids and I",
    "my flatmate and I",
    "my running group and I",
];
const DID: &[&str] = &[
    "went for a long walk by the river",
    "argued about money",
    "cooked a big dinner",
    "talked about moving abroad",
    "tried a breathing exercise",
    "sat in silence for ten minutes",
    "planned a trip to the mountains",
    "cleaned the whole flat",
    "watched an old film",
    "missed the deadline again",
    "went to a yoga class",
    "stayed up far too late",
    "had a difficult phone call",
    "played with the dog in the park",
];
const FELT: &[&str] = &[
    "calm",
    "anxious",
    "exhausted",
    "hopeful",
    "frustrated",
    "proud",
    "lonely",
    "relieved",
    "restless",
    "grateful",
];
const WHY: &[&str] = &[
    "because nothing went as planned",
    "and I want to do it more often",
    "though I am not sure why",
    "and I slept badly afterwards",
    "which surprised me",
    "and I wrote about it in my journal",
    "because work has been so intense",
    "and I finally felt heard",
];

pub fn sentence(rng: &mut Rng) -> String {
    format!(
        "{}, {} {} and I felt {} {}.",
        WHEN[rng.below(WHEN.len())],
        WHO[rng.below(WHO.len())],
        DID[rng.below(DID.len())],
        FELT[rng.below(FELT.len())],
        WHY[rng.below(WHY.len())]
    )
}

pub fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i].as_secs_f64() * 1000.0
}

pub fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

pub fn config() -> MemoryConfig {
    let mut config = MemoryConfig::from_resource_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/resources"),
    );
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        config.runtime_path = p.into();
    }
    config
}

/// The runtime every benchmark runs the core on: two workers, like the machine's two cores.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}
