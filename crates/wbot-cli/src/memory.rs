//! `wbot memory add|search|import|list|status|recall`: memories from a terminal. Results are JSON lines on
//! stdout; import progress goes to stderr.

use std::io::BufRead;

use clap::{Subcommand, ValueEnum};
use wbot_core::db::Page;
use wbot_core::memory::{
    MemoryKind, MemorySource, NewMemory, SearchOptions, BATCH_SIZE, MAX_MEMORY_CHARS,
};
use wbot_core::{Core, CoreError, ProfileId, Reason};

use crate::print_json;

#[derive(Subcommand)]
pub enum MemoryCommand {
    /// Remembers one text; prints the memory.
    Add {
        #[arg(long)]
        profile: String,
        /// What to remember.
        text: String,
        #[arg(long, value_enum, default_value_t = Kind::Note)]
        kind: Kind,
    },
    /// Hybrid search; prints one hit per line, best first.
    Search {
        #[arg(long)]
        profile: String,
        query: String,
        /// Results wanted (1–50).
        #[arg(long)]
        limit: Option<u32>,
        /// Minimum cosine similarity (default 0.5; 0 keeps every keyword match).
        #[arg(long)]
        min_similarity: Option<f32>,
    },
    /// Remembers one text per line of standard input (blank lines are skipped); prints each memory once it
    /// is stored, so every printed line survives a crash.
    Import {
        #[arg(long)]
        profile: String,
    },
    /// Prints a profile's memories, newest first.
    List {
        #[arg(long)]
        profile: String,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Prints model, counts and index health.
    Status {
        #[arg(long)]
        profile: String,
    },
    /// Prints what a chat prompt would get for this text.
    Recall {
        #[arg(long)]
        profile: String,
        text: String,
    },
}

/// A memory kind on the command line.
#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Exchange,
    Note,
    Journal,
}

impl From<Kind> for MemoryKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Exchange => MemoryKind::Exchange,
            Kind::Note => MemoryKind::Note,
            Kind::Journal => MemoryKind::Journal,
        }
    }
}

pub async fn run(core: &Core, cmd: MemoryCommand) -> Result<(), CoreError> {
    let result = run_command(core, cmd).await;
    // Save the index even after an error: whatever was stored should not need a rebuild next time.
    let flushed = core.memory().flush().await;
    result.and(flushed)
}

async fn run_command(core: &Core, cmd: MemoryCommand) -> Result<(), CoreError> {
    match cmd {
        MemoryCommand::Add {
            profile,
            text,
            kind,
        } => {
            let memory = NewMemory {
                kind: kind.into(),
                ..NewMemory::note(text)
            };
            print_json(&core.memory().add_memory(&profile.parse()?, memory).await?)?;
        }
        MemoryCommand::Search {
            profile,
            query,
            limit,
            min_similarity,
        } => {
            for hit in core
                .memory()
                .search_memories(
                    &profile.parse()?,
                    &query,
                    SearchOptions {
                        limit,
                        min_similarity,
                    },
                )
                .await?
            {
                print_json(&hit)?;
            }
        }
        MemoryCommand::List {
            profile,
            offset,
            limit,
        } => {
            for memory in core
                .memory()
                .list_memories(&profile.parse()?, Page { limit, offset })
                .await?
                .items
            {
                print_json(&memory)?;
            }
        }
        MemoryCommand::Status { profile } => {
            print_json(&core.memory().memory_status(&profile.parse()?).await?)?
        }
        MemoryCommand::Recall { profile, text } => print_json(
            &core
                .memory()
                .recall_for_prompt(&profile.parse()?, &text, None)
                .await?,
        )?,
        MemoryCommand::Import { profile } => import(core, &profile.parse()?).await?,
    }
    Ok(())
}

async fn import(core: &Core, profile: &ProfileId) -> Result<(), CoreError> {
    // Fail on a bad profile before reading anything.
    let profile = core.profiles().require_profile(profile).await?;
    let (mut imported, mut skipped) = (0usize, 0usize);
    let mut batch: Vec<NewMemory> = Vec::with_capacity(BATCH_SIZE);
    let mut lines = std::io::stdin().lock().lines().enumerate();
    loop {
        let next = lines.next();
        let at_end = next.is_none();
        if let Some((i, line)) = next {
            let text = line.map_err(|e| {
                CoreError::new(Reason::InvalidInput)
                    .value("stdin")
                    .item(i as u32 + 1)
                    .detail(format!("{e}; the input must be UTF-8 text"))
            })?;
            let chars = text.trim().chars().count();
            if chars == 0 {
                skipped += 1;
            } else if chars > MAX_MEMORY_CHARS {
                eprintln!(
                    "line {}: skipped, {chars} characters (at most {MAX_MEMORY_CHARS})",
                    i + 1
                );
                skipped += 1;
            } else {
                batch.push(NewMemory {
                    source: MemorySource::Import,
                    ..NewMemory::note(text)
                });
            }
        }
        if batch.len() >= BATCH_SIZE || (at_end && !batch.is_empty()) {
            // One transaction per batch; a line is printed only once its batch is committed.
            for memory in core
                .memory()
                .add_memories(&profile, std::mem::take(&mut batch))
                .await?
            {
                print_json(&memory)?;
                imported += 1;
            }
            eprintln!("imported {imported} memories ({skipped} lines skipped)");
        }
        if at_end {
            break;
        }
    }
    eprintln!("done: {imported} memories imported, {skipped} lines skipped");
    Ok(())
}
