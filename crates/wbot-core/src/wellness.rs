//! The wellness profile (SPEC §7, issue 12): what the companion has learned about a person, computed on
//! the device. Recurring topics and the ones that come with low moods, from the person's messages in
//! remembered conversations and the journal entries they shared there; an emotional baseline from
//! check-ins; what helps, from effectiveness; how and when they like to talk. Each item is a code with
//! numbers and the count of what it came from, never the person's words: only the note the person writes
//! on an item holds text. The person can remove an item (it stays removed), write a note on it, pause
//! learning, or reset it all (learning then starts again from that moment). The companion's prompt carries
//! it ([`crate::chat::prompt`]); learning runs after a reply, not before it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sqlx::Row;
use time::{Duration, OffsetDateTime};

use crate::chat::crisis::clauses;
use crate::chat::store::SHARED_ENTRY_MARK;
use crate::db::{changed_one, now_rfc3339, u32_of, utc_text, Db};
use crate::error::{CoreError, Result, Subject};
use crate::ids::{ProfileId, WellnessItemId};
use crate::profile::ProfileService;
use crate::progress::ProgressService;
use crate::text::{check_fits, string_enum};

/// How far back learning reads messages and check-ins, in days.
pub const WINDOW_DAYS: i64 = 90;
/// A topic recurs from this many mentions…
pub const MIN_MENTIONS: u32 = 3;
/// …on at least this many days.
pub const MIN_DAYS: u32 = 2;
/// A day whose check-ins average this or less is a low day.
pub const LOW_DAY_MOOD: f64 = 2.5;
/// A topic mentioned on this many low days comes with low moods (a trigger).
pub const MIN_LOW_DAYS: u32 = 2;
/// The baseline reads the check-ins of this many days…
pub const BASELINE_DAYS: i64 = 30;
/// …when there are at least this many; an emotion joins it when felt this often.
pub const MIN_CHECKINS: u32 = 3;
/// How and when the person talks is read from this many of their messages.
pub const MIN_MESSAGES: u32 = 10;
/// Messages of at most this many characters are short; of at least [`LONG_CHARS`], long.
pub const SHORT_CHARS: usize = 40;
pub const LONG_CHARS: usize = 200;
/// A preference needs this share of the messages.
pub const PREFERENCE_SHARE: f64 = 0.6;
/// The longest note a person can write on an item.
pub const MAX_NOTE_CHARS: usize = 200;

string_enum!(
    /// What an item of the wellness profile is.
    WellnessKind {
        Topic = "topic",
        Trigger = "trigger",
        Baseline = "baseline",
        Helps = "helps",
        Preference = "preference",
    }
);

string_enum!(
    /// What people talk about, found by words in English and Spanish ([`TOPIC_WORDS`]).
    Topic {
        Work = "work",
        Study = "study",
        Family = "family",
        Relationship = "relationship",
        Friends = "friends",
        Loneliness = "loneliness",
        Sleep = "sleep",
        Health = "health",
        Money = "money",
        Stress = "stress",
        Grief = "grief",
        SelfEsteem = "self_esteem",
    }
);

string_enum!(
    /// How and when the person likes to talk.
    Preference {
        ShortMessages = "short_messages",
        LongMessages = "long_messages",
        Mornings = "mornings",
        Afternoons = "afternoons",
        Evenings = "evenings",
        Nights = "nights",
    }
);

/// Words that name each topic, accents folded and lower case (as [`clauses`] gives them); a word ending
/// in `*` is a prefix.
const TOPIC_WORDS: &[(Topic, &[&str])] = &[
    (
        Topic::Work,
        &[
            "work",
            "job",
            "boss",
            "office",
            "coworker*",
            "colleague*",
            "shift",
            "shifts",
            "deadline*",
            "career",
            "trabajo",
            "curro",
            "jefe",
            "jefa",
            "oficina",
            "turno",
            "chamba",
        ],
    ),
    (
        Topic::Study,
        &[
            "exam*",
            "study*",
            "studying",
            "school",
            "university",
            "uni",
            "class",
            "classes",
            "homework",
            "thesis",
            "examen*",
            "estudi*",
            "escuela",
            "colegio",
            "universidad",
            "facultad",
            "tesis",
            "deberes",
        ],
    ),
    (
        Topic::Family,
        &[
            "mom", "mum", "dad", "mother", "father", "parents", "brother", "sister", "family",
            "son", "daughter", "grandma", "grandpa", "mama", "papa", "madre", "padre", "padres",
            "hermano", "hermana", "familia", "hijo", "hija", "abuel*",
        ],
    ),
    (
        Topic::Relationship,
        &[
            "partner",
            "boyfriend",
            "girlfriend",
            "husband",
            "wife",
            "relationship",
            "breakup",
            "divorce",
            "pareja",
            "novio",
            "novia",
            "marido",
            "esposo",
            "esposa",
            "relacion",
            "ruptura",
            "divorcio",
        ],
    ),
    (
        Topic::Friends,
        &[
            "friend",
            "friends",
            "friendship",
            "amigo",
            "amiga",
            "amigos",
            "amigas",
            "amistad",
        ],
    ),
    (
        Topic::Loneliness,
        &[
            "lonely",
            "loneliness",
            "isolated",
            "alone",
            "soledad",
            "aislado",
            "aislada",
        ],
    ),
    (
        Topic::Sleep,
        &[
            "sleep*",
            "slept",
            "insomnia",
            "nightmare*",
            "dormir",
            "duermo",
            "insomnio",
            "pesadilla*",
            "desvel*",
        ],
    ),
    (
        Topic::Health,
        &[
            "sick",
            "ill",
            "illness",
            "pain",
            "doctor",
            "hospital",
            "health",
            "diagnosis",
            "enferm*",
            "dolor",
            "medico",
            "medica",
            "salud",
            "diagnostico",
        ],
    ),
    (
        Topic::Money,
        &[
            "money", "rent", "debt", "debts", "bills", "salary", "dinero", "alquiler", "deuda*",
            "factura*", "sueldo", "plata",
        ],
    ),
    (
        Topic::Stress,
        &[
            "stress",
            "stressed",
            "stressful",
            "anxious",
            "anxiety",
            "panic",
            "overwhelmed",
            "estres",
            "estresado",
            "estresada",
            "ansiedad",
            "ansios*",
            "panico",
            "agobi*",
        ],
    ),
    (
        Topic::Grief,
        &[
            "grief", "grieving", "funeral", "passed", "duelo", "funeral", "fallecio", "murio",
        ],
    ),
    (
        Topic::SelfEsteem,
        &[
            "worthless",
            "insecure",
            "confidence",
            "failure",
            "autoestima",
            "inseguro",
            "insegura",
            "fracaso",
            "inutil",
        ],
    ),
];

/// The topics a text mentions.
pub fn topics_in(text: &str) -> BTreeSet<Topic> {
    let words: Vec<String> = clauses(text).into_iter().flatten().collect();
    TOPIC_WORDS
        .iter()
        .filter(|(_, names)| {
            names.iter().any(|name| match name.strip_suffix('*') {
                Some(prefix) => words.iter().any(|w| w.starts_with(prefix)),
                None => words.iter().any(|w| w == name),
            })
        })
        .map(|(topic, _)| *topic)
        .collect()
}

/// Where an item came from: how many of each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WellnessSources {
    /// The person's messages in remembered conversations.
    pub messages: u32,
    /// Journal entries they shared with the companion.
    pub journal: u32,
    pub checkins: u32,
    pub sessions: u32,
}

/// One thing learned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WellnessItem {
    pub id: WellnessItemId,
    pub kind: WellnessKind,
    /// A [`Topic`] (topic, trigger), `mood` or an emotion code (baseline), `activity:kind` as in
    /// effectiveness (helps), a [`Preference`].
    pub code: String,
    /// Mentions (topic), low days (trigger), the mean mood 1–5 or times felt (baseline), the
    /// effectiveness score (helps), the share of messages 0–1 (preference).
    pub value: f64,
    pub sources: WellnessSources,
    /// The person's own words on it; empty unless they wrote some.
    pub note: String,
    pub updated_at: String,
}

/// The profile as the Wellness page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WellnessProfile {
    /// Whether learning is on (the `learning_on` setting).
    pub learning: bool,
    /// Visible items, by kind and then strongest first.
    pub items: Vec<WellnessItem>,
}

/// An item as learning finds it.
#[derive(Debug, Clone, PartialEq)]
struct Learned {
    kind: WellnessKind,
    code: String,
    value: f64,
    sources: WellnessSources,
}

/// The person's texts learning reads: `(when, text, from a shared journal entry)`; `when` is RFC 3339, its
/// first ten characters the day.
type Texts = Vec<(String, String, bool)>;

/// The wellness profile of each profile.
#[derive(Debug, Clone)]
pub struct WellnessService {
    db: Db,
    profiles: ProfileService,
    progress: ProgressService,
}

impl WellnessService {
    pub fn new(db: Db, profiles: ProfileService, progress: ProgressService) -> Self {
        Self {
            db,
            profiles,
            progress,
        }
    }

    /// The profile's visible items and whether learning is on.
    pub async fn profile(&self, profile_id: &ProfileId) -> Result<WellnessProfile> {
        let id = self.profiles.require_profile(profile_id).await?;
        let (learning, _) = self.learning(&id).await?;
        let rows = sqlx::query(
            "SELECT id, kind, code, value, messages, journal, checkins, sessions, note, updated_at
             FROM wellness_items WHERE profile_id = ? AND hidden = 0
             ORDER BY CASE kind WHEN 'topic' THEN 0 WHEN 'trigger' THEN 1 WHEN 'baseline' THEN 2
                      WHEN 'helps' THEN 3 ELSE 4 END, value DESC, code",
        )
        .bind(&id)
        .fetch_all(self.db.reader())
        .await?;
        let items = rows
            .iter()
            .map(|row| {
                let count = |name: &str| -> Result<u32> { Ok(u32_of(row.try_get(name)?)) };
                Ok(WellnessItem {
                    id: WellnessItemId::parse(row.try_get("id")?)?,
                    kind: row.try_get::<String, _>("kind")?.parse()?,
                    code: row.try_get("code")?,
                    value: row.try_get("value")?,
                    sources: WellnessSources {
                        messages: count("messages")?,
                        journal: count("journal")?,
                        checkins: count("checkins")?,
                        sessions: count("sessions")?,
                    },
                    note: row.try_get("note")?,
                    updated_at: row.try_get("updated_at")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(WellnessProfile { learning, items })
    }

    /// What the prompt carries: the visible items, and the codes of the helps the person removed (the
    /// prompt leaves those out of what helped).
    pub async fn for_prompt(
        &self,
        profile_id: &ProfileId,
    ) -> Result<(Vec<WellnessItem>, Vec<String>)> {
        let items = self.profile(profile_id).await?.items;
        let removed = sqlx::query_scalar(
            "SELECT code FROM wellness_items WHERE profile_id = ? AND kind = 'helps' AND hidden = 1",
        )
        .bind(profile_id)
        .fetch_all(self.db.reader())
        .await?;
        Ok((items, removed))
    }

    /// `(learning_on, learned_since)` of a profile.
    async fn learning(&self, id: &ProfileId) -> Result<(bool, String)> {
        let row =
            sqlx::query("SELECT learning_on, learned_since FROM settings WHERE profile_id = ?")
                .bind(id)
                .fetch_optional(self.db.reader())
                .await?;
        Ok(row.map_or((true, String::new()), |r| {
            (r.get("learning_on"), r.get("learned_since"))
        }))
    }

    /// Pauses or resumes learning; the items stay as they are.
    pub async fn set_learning(&self, profile_id: &ProfileId, on: bool) -> Result<()> {
        let id = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query("UPDATE settings SET learning_on = ? WHERE profile_id = ?")
            .bind(on)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Learns again from what the person did since [`WINDOW_DAYS`] (or since a reset): new items are
    /// added, learned ones updated, ones no longer found dropped unless the person wrote a note on them;
    /// removed ones stay removed. Returns `false`, changing nothing, while learning is paused.
    pub async fn learn(&self, profile_id: &ProfileId) -> Result<bool> {
        let id = self.profiles.require_profile(profile_id).await?;
        let (on, reset_at) = self.learning(&id).await?;
        if !on {
            return Ok(false);
        }
        let now = crate::clock::now_utc();
        let window = utc_text(now - Duration::days(WINDOW_DAYS))?;
        let since = if reset_at > window {
            reset_at.clone()
        } else {
            window
        };
        let baseline_from = utc_text(now - Duration::days(BASELINE_DAYS))?;
        let baseline_since = if reset_at > baseline_from {
            reset_at.clone()
        } else {
            baseline_from
        };

        let texts = self.texts(&id, &since).await?;
        let moods = self.day_moods(&id, &since).await?;
        let mut learned = topics_and_triggers(&texts, &moods);
        learned.extend(self.baseline(&id, &baseline_since).await?);
        learned.extend(preferences(&message_times(&texts)));
        for e in self.progress.effectiveness_since(&id, &reset_at).await? {
            if e.recommended {
                learned.push(Learned {
                    kind: WellnessKind::Helps,
                    code: e.code(),
                    value: e.score,
                    sources: WellnessSources {
                        sessions: e.completed,
                        ..WellnessSources::default()
                    },
                });
            }
        }
        self.store(&id, &learned).await?;
        Ok(true)
    }

    /// The person's messages in remembered conversations and the journal entries they shared there.
    async fn texts(&self, id: &ProfileId, since: &str) -> Result<Texts> {
        let rows = sqlx::query(
            "SELECT m.role, m.content, m.created_at FROM messages m
             JOIN conversations c ON c.id = m.conversation_id AND c.profile_id = m.profile_id
             WHERE m.profile_id = ? AND c.remember = 1 AND julianday(m.created_at) >= julianday(?)
               AND (m.role = 'user' OR (m.role = 'system_summary' AND instr(m.content, ?) > 0))",
        )
        .bind(id)
        .bind(since)
        .bind(SHARED_ENTRY_MARK)
        .fetch_all(self.db.reader())
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let role: String = r.get("role");
                (r.get("created_at"), r.get("content"), role != "user")
            })
            .collect())
    }

    /// Each day's mean check-in mood and number of check-ins.
    async fn day_moods(&self, id: &ProfileId, since: &str) -> Result<BTreeMap<String, (f64, u32)>> {
        let rows = sqlx::query(
            "SELECT substr(created_at, 1, 10) AS day, AVG(mood) AS mood, COUNT(*) AS n
             FROM mood_checkins WHERE profile_id = ? AND julianday(created_at) >= julianday(?)
             GROUP BY day",
        )
        .bind(id)
        .bind(since)
        .fetch_all(self.db.reader())
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let n: i64 = r.get("n");
                (r.get("day"), (r.get("mood"), u32_of(n)))
            })
            .collect())
    }

    /// The mean mood and the emotions felt most, from the check-ins since `since`.
    async fn baseline(&self, id: &ProfileId, since: &str) -> Result<Vec<Learned>> {
        let row = sqlx::query(
            "SELECT AVG(mood) AS mood, COUNT(*) AS n FROM mood_checkins
             WHERE profile_id = ? AND julianday(created_at) >= julianday(?)",
        )
        .bind(id)
        .bind(since)
        .fetch_one(self.db.reader())
        .await?;
        let n = u32_of(row.get("n"));
        if n < MIN_CHECKINS {
            return Ok(Vec::new());
        }
        let mood: f64 = row.get("mood");
        let mut out = vec![Learned {
            kind: WellnessKind::Baseline,
            code: "mood".into(),
            value: (mood * 10.0).round() / 10.0,
            sources: WellnessSources {
                checkins: n,
                ..WellnessSources::default()
            },
        }];
        let emotions = sqlx::query(
            "SELECT e.value AS code, COUNT(*) AS n FROM mood_checkins, json_each(mood_checkins.emotions) e
             WHERE profile_id = ? AND julianday(created_at) >= julianday(?)
             GROUP BY e.value HAVING COUNT(*) >= ? ORDER BY n DESC, code LIMIT 2",
        )
        .bind(id)
        .bind(since)
        .bind(i64::from(MIN_CHECKINS))
        .fetch_all(self.db.reader())
        .await?;
        out.extend(emotions.iter().map(|r| {
            let n = u32_of(r.get("n"));
            Learned {
                kind: WellnessKind::Baseline,
                code: r.get("code"),
                value: f64::from(n),
                sources: WellnessSources {
                    checkins: n,
                    ..WellnessSources::default()
                },
            }
        }));
        Ok(out)
    }

    /// Writes what was learned: upserts found items (keeping notes and removals), drops learned items
    /// no longer found unless removed or noted.
    async fn store(&self, id: &ProfileId, learned: &[Learned]) -> Result<()> {
        let now = now_rfc3339();
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "CREATE TEMP TABLE IF NOT EXISTS wellness_found (kind TEXT NOT NULL, code TEXT NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM wellness_found")
            .execute(&mut *tx)
            .await?;
        for item in learned {
            sqlx::query(
                "INSERT INTO wellness_items (id, profile_id, kind, code, value, messages, journal,
                   checkins, sessions, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (profile_id, kind, code) DO UPDATE SET value = excluded.value,
                   messages = excluded.messages, journal = excluded.journal,
                   checkins = excluded.checkins, sessions = excluded.sessions,
                   updated_at = excluded.updated_at",
            )
            .bind(WellnessItemId::new())
            .bind(id)
            .bind(item.kind.as_str())
            .bind(&item.code)
            .bind(item.value)
            .bind(i64::from(item.sources.messages))
            .bind(i64::from(item.sources.journal))
            .bind(i64::from(item.sources.checkins))
            .bind(i64::from(item.sources.sessions))
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO wellness_found (kind, code) VALUES (?, ?)")
                .bind(item.kind.as_str())
                .bind(&item.code)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "DELETE FROM wellness_items WHERE profile_id = ? AND hidden = 0 AND note = ''
               AND NOT EXISTS (SELECT 1 FROM wellness_found f
                               WHERE f.kind = wellness_items.kind AND f.code = wellness_items.code)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM wellness_found")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes an item for good: learning will not bring it back (until a reset).
    pub async fn remove(&self, profile_id: &ProfileId, item_id: &WellnessItemId) -> Result<()> {
        let id = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        let done = sqlx::query(
            "UPDATE wellness_items SET hidden = 1, note = '', updated_at = ?
             WHERE id = ? AND profile_id = ? AND hidden = 0",
        )
        .bind(now_rfc3339())
        .bind(item_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        changed_one(done, Subject::WellnessItem, item_id.as_str())
    }

    /// Sets the person's note on an item (empty to clear it); returns the item.
    pub async fn set_note(
        &self,
        profile_id: &ProfileId,
        item_id: &WellnessItemId,
        note: &str,
    ) -> Result<WellnessItem> {
        let note = note.trim();
        check_fits(note, Subject::WellnessNote, MAX_NOTE_CHARS)?;
        let id = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        let done = sqlx::query(
            "UPDATE wellness_items SET note = ?, updated_at = ?
             WHERE id = ? AND profile_id = ? AND hidden = 0",
        )
        .bind(note)
        .bind(now_rfc3339())
        .bind(item_id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        changed_one(done, Subject::WellnessItem, item_id.as_str())?;
        self.profile(&id)
            .await?
            .items
            .into_iter()
            .find(|i| &i.id == item_id)
            .ok_or_else(|| CoreError::not_found(Subject::WellnessItem, item_id.as_str()))
    }

    /// Forgets everything learned, removed items and notes included; learning starts again from now.
    pub async fn reset(&self, profile_id: &ProfileId) -> Result<()> {
        let id = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM wellness_items WHERE profile_id = ?")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE settings SET learned_since = ? WHERE profile_id = ?")
            .bind(now_rfc3339())
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(profile = %id, "wellness profile reset");
        Ok(())
    }
}

/// Recurring topics, and the topics mentioned on low-mood days.
fn topics_and_triggers(texts: &Texts, moods: &BTreeMap<String, (f64, u32)>) -> Vec<Learned> {
    #[derive(Default)]
    struct Tally {
        messages: u32,
        journal: u32,
        days: BTreeSet<String>,
    }
    let mut tally: BTreeMap<Topic, Tally> = BTreeMap::new();
    for (at, text, journal) in texts {
        let day = at.get(..10).unwrap_or(at);
        for topic in topics_in(text) {
            let t = tally.entry(topic).or_default();
            if *journal {
                t.journal += 1;
            } else {
                t.messages += 1;
            }
            t.days.insert(day.to_string());
        }
    }
    let mut out = Vec::new();
    for (topic, t) in &tally {
        let mentions = t.messages + t.journal;
        let days = u32::try_from(t.days.len()).unwrap_or(u32::MAX);
        if mentions >= MIN_MENTIONS && days >= MIN_DAYS {
            out.push(Learned {
                kind: WellnessKind::Topic,
                code: topic.as_str().into(),
                value: f64::from(mentions),
                sources: WellnessSources {
                    messages: t.messages,
                    journal: t.journal,
                    ..WellnessSources::default()
                },
            });
        }
        let low: Vec<&(f64, u32)> = t
            .days
            .iter()
            .filter_map(|d| moods.get(d))
            .filter(|(mood, _)| *mood <= LOW_DAY_MOOD)
            .collect();
        let low_days = u32::try_from(low.len()).unwrap_or(u32::MAX);
        if low_days >= MIN_LOW_DAYS {
            out.push(Learned {
                kind: WellnessKind::Trigger,
                code: topic.as_str().into(),
                value: f64::from(low_days),
                sources: WellnessSources {
                    messages: t.messages,
                    journal: t.journal,
                    checkins: low.iter().map(|(_, n)| n).sum(),
                    ..WellnessSources::default()
                },
            });
        }
    }
    out
}

/// The length (in characters) and local hour of each of the person's own messages (not shared entries).
fn message_times(texts: &Texts) -> Vec<(usize, u8)> {
    let offset = crate::db::local_now().offset();
    texts
        .iter()
        .filter(|(_, _, shared)| !shared)
        .filter_map(|(at, text, _)| {
            let t =
                OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).ok()?;
            Some((text.chars().count(), t.to_offset(offset).hour()))
        })
        .collect()
}

/// How long the person's messages are and when they write, from `(length, local hour)` of each.
fn preferences(messages: &[(usize, u8)]) -> Vec<Learned> {
    let n = u32::try_from(messages.len()).unwrap_or(u32::MAX);
    if n < MIN_MESSAGES {
        return Vec::new();
    }
    let share = |count: usize| count as f64 / messages.len() as f64;
    let mut out = Vec::new();
    let mut push = |preference: Preference, count: usize| {
        let value = share(count);
        if value >= PREFERENCE_SHARE {
            out.push(Learned {
                kind: WellnessKind::Preference,
                code: preference.as_str().into(),
                value: (value * 100.0).round() / 100.0,
                sources: WellnessSources {
                    messages: u32::try_from(count).unwrap_or(u32::MAX),
                    ..WellnessSources::default()
                },
            });
        }
    };
    push(
        Preference::ShortMessages,
        messages
            .iter()
            .filter(|(len, _)| *len <= SHORT_CHARS)
            .count(),
    );
    push(
        Preference::LongMessages,
        messages
            .iter()
            .filter(|(len, _)| *len >= LONG_CHARS)
            .count(),
    );
    for (preference, hours) in [
        (Preference::Mornings, 5..12),
        (Preference::Afternoons, 12..18),
        (Preference::Evenings, 18..23),
    ] {
        push(
            preference,
            messages.iter().filter(|(_, h)| hours.contains(h)).count(),
        );
    }
    push(
        Preference::Nights,
        messages.iter().filter(|(_, h)| *h >= 23 || *h < 5).count(),
    );
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn topics_are_found_in_both_languages() {
        assert_eq!(
            topics_in("My boss yelled at me and I couldn't sleep"),
            BTreeSet::from([Topic::Work, Topic::Sleep])
        );
        assert_eq!(
            topics_in("Discutí con mi pareja por el dinero del alquiler"),
            BTreeSet::from([Topic::Relationship, Topic::Money])
        );
        assert!(
            topics_in("I went for a workout").is_empty(),
            "workout is not work"
        );
        assert!(topics_in("").is_empty());
    }

    #[test]
    fn a_topic_recurs_on_two_days_and_triggers_on_two_low_days() {
        let text = |day: &str, t: &str| (day.to_string(), t.to_string(), false);
        let texts = vec![
            text("2026-11-01", "work again"),
            text("2026-11-01", "my boss"),
            text("2026-11-02", "the office"),
            text("2026-11-02", "I can't sleep"),
        ];
        let moods = BTreeMap::from([
            ("2026-11-01".to_string(), (2.0, 1)),
            ("2026-11-02".to_string(), (2.5, 2)),
        ]);
        let learned = topics_and_triggers(&texts, &moods);
        let work: Vec<_> = learned.iter().filter(|l| l.code == "work").collect();
        assert_eq!(work.len(), 2, "{learned:?}");
        assert_eq!(work[0].kind, WellnessKind::Topic);
        assert_eq!(work[0].value, 3.0);
        assert_eq!(work[1].kind, WellnessKind::Trigger);
        assert_eq!(work[1].sources.checkins, 3);
        // Sleep: once, on one day; not a topic nor a trigger.
        assert!(learned.iter().all(|l| l.code != "sleep"));
    }

    #[test]
    fn preferences_need_ten_messages_and_a_clear_share() {
        let evening_short: Vec<(usize, u8)> = (0..10).map(|_| (12, 20)).collect();
        let codes: Vec<String> = preferences(&evening_short)
            .into_iter()
            .map(|l| l.code)
            .collect();
        assert_eq!(codes, ["short_messages", "evenings"]);
        assert!(preferences(&evening_short[..9]).is_empty());
        let mixed: Vec<(usize, u8)> = (0..10).map(|i| (100, (i * 2) as u8)).collect();
        assert!(preferences(&mixed).is_empty());
    }
}
