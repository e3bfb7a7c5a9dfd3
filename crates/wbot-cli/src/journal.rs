//! `wbot journal add|import|list|search|draft|show-draft|show|delete`: the journal from a terminal. Results are JSON lines
//! on stdout.

use std::io::BufRead;

use clap::{Args, Subcommand, ValueEnum};
use wbot_core::chat::JournalCategory;
use wbot_core::db::Page;
use wbot_core::journal::{JournalDraft, JournalFilter, JournalSearchMode, NewJournalEntry};
use wbot_core::mood::DayRange;
use wbot_core::{Core, CoreError, Reason};

use crate::{import_lines, print_json};

#[derive(Subcommand)]
pub enum JournalCommand {
    /// Saves one entry; prints it.
    Add {
        #[arg(long)]
        profile: String,
        /// What was written.
        text: String,
        /// The prompt's category (reflection, gratitude, processing, growth, self_compassion); with
        /// `--prompt`. Neither: free writing.
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        prompt: Option<String>,
        #[arg(long, default_value_t = 0)]
        writing_ms: u32,
        #[arg(long)]
        mood_before: Option<u8>,
        #[arg(long)]
        mood_after: Option<u8>,
    },
    /// Saves one entry per line of standard input, each a JSON object like the app's (`text`,
    /// `writingMs`, and optionally `category`, `prompt`, `moodBefore`, `moodAfter`); prints each once
    /// saved. A bad line stops the import with its line number; the lines before it are saved.
    Import {
        #[arg(long)]
        profile: String,
    },
    /// Prints entries, newest first.
    List {
        #[arg(long)]
        profile: String,
        #[command(flatten)]
        filter: Filter,
    },
    /// Prints the entries that have every word (`--by words`, the default) or are closest in meaning
    /// (`--by meaning`), best first.
    Search {
        #[arg(long)]
        profile: String,
        query: String,
        #[arg(long, value_enum, default_value_t = By::Words)]
        by: By,
        #[command(flatten)]
        filter: Filter,
    },
    /// Keeps a draft as it is written, like the app's editor: each line of standard input is added to the
    /// draft's text and the draft is saved; prints the saved draft after each line.
    Draft {
        #[arg(long)]
        profile: String,
    },
    /// Prints the unsaved draft (`null` when there is none).
    ShowDraft {
        #[arg(long)]
        profile: String,
    },
    /// Prints one entry.
    Show {
        #[arg(long)]
        profile: String,
        id: String,
    },
    /// Deletes one entry.
    Delete {
        #[arg(long)]
        profile: String,
        id: String,
    },
}

/// How a search reads its words.
#[derive(Clone, Copy, ValueEnum)]
pub enum By {
    Words,
    Meaning,
}

/// Filters and paging shared by `list` and `search`.
#[derive(Args)]
pub struct Filter {
    #[arg(long)]
    category: Option<String>,
    /// Favourites only.
    #[arg(long)]
    favourites: bool,
    /// First calendar day (`YYYY-MM-DD`), with `--to`.
    #[arg(long, requires = "to")]
    from: Option<String>,
    /// Last calendar day (`YYYY-MM-DD`), with `--from`.
    #[arg(long, requires = "from")]
    to: Option<String>,
    /// Minutes east of UTC where the days begin.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    utc_offset: i16,
    #[arg(long)]
    limit: Option<u32>,
    #[arg(long, default_value_t = 0)]
    offset: u32,
}

impl Filter {
    fn to_core(&self, search: Option<(String, By)>) -> Result<(JournalFilter, Page), CoreError> {
        let (search, mode) = match search {
            Some((query, By::Words)) => (Some(query), Some(JournalSearchMode::Words)),
            Some((query, By::Meaning)) => (Some(query), Some(JournalSearchMode::Meaning)),
            None => (None, None),
        };
        let days = match (&self.from, &self.to) {
            (Some(from), Some(to)) => Some(DayRange {
                from: from.clone(),
                to: to.clone(),
                utc_offset_minutes: self.utc_offset,
            }),
            _ => None,
        };
        let filter = JournalFilter {
            search,
            mode,
            category: self.category.as_deref().map(str::parse).transpose()?,
            favourites_only: self.favourites,
            days,
        };
        Ok((
            filter,
            Page {
                limit: self.limit,
                offset: self.offset,
            },
        ))
    }
}

pub async fn run(core: &Core, cmd: JournalCommand) -> Result<(), CoreError> {
    let journal = core.journal();
    match cmd {
        JournalCommand::Add {
            profile,
            text,
            category,
            prompt,
            writing_ms,
            mood_before,
            mood_after,
        } => {
            let entry = NewJournalEntry {
                category: category
                    .as_deref()
                    .map(str::parse::<JournalCategory>)
                    .transpose()?,
                prompt,
                text,
                writing_ms,
                mood_before,
                mood_after,
            };
            print_json(&journal.save_journal_entry(&profile.parse()?, entry).await?)?;
        }
        JournalCommand::Import { profile } => {
            let profile = core.profiles().require_profile(&profile.parse()?).await?;
            import_lines(|entry: NewJournalEntry| async {
                print_json(&journal.save_journal_entry(&profile, entry).await?)
            })
            .await?;
        }
        JournalCommand::List { profile, filter } => {
            let (filter, page) = filter.to_core(None)?;
            for hit in journal
                .list_journal_entries(&profile.parse()?, filter, page)
                .await?
            {
                print_json(&hit)?;
            }
        }
        JournalCommand::Search {
            profile,
            query,
            by,
            filter,
        } => {
            let (filter, page) = filter.to_core(Some((query, by)))?;
            for hit in journal
                .list_journal_entries(&profile.parse()?, filter, page)
                .await?
            {
                print_json(&hit)?;
            }
        }
        JournalCommand::Draft { profile } => {
            let profile = core.profiles().require_profile(&profile.parse()?).await?;
            let started = std::time::Instant::now();
            let mut draft = JournalDraft {
                entry_id: None,
                category: None,
                prompt: None,
                text: String::new(),
                writing_ms: 0,
                mood_before: None,
                updated_at: None,
            };
            for (i, line) in std::io::stdin().lock().lines().enumerate() {
                let line = line.map_err(|e| {
                    CoreError::new(Reason::InvalidInput)
                        .value("stdin")
                        .item(i as u32 + 1)
                        .detail(e.to_string())
                })?;
                draft.text.push_str(&line);
                draft.text.push('\n');
                draft.writing_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
                draft = journal.save_journal_draft(&profile, draft).await?;
                print_json(&draft)?;
            }
        }
        JournalCommand::ShowDraft { profile } => {
            print_json(&journal.journal_draft(&profile.parse()?).await?)?;
        }
        JournalCommand::Show { profile, id } => {
            print_json(
                &journal
                    .journal_entry(&profile.parse()?, &id.parse()?)
                    .await?,
            )?;
        }
        JournalCommand::Delete { profile, id } => {
            journal
                .delete_journal_entry(&profile.parse()?, &id.parse()?)
                .await?;
            print_json(&serde_json::json!({ "deleted": id }))?;
        }
    }
    Ok(())
}
