//! The core's one error type: a stable code, a reason and the numbers and names that go with it. It holds
//! no words for people; the UI words every reason in each of its languages (ADR 0008).

use serde::{Deserialize, Serialize};

/// A stable, machine-readable error class; the UI switches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    Conflict,
    Unavailable,
    Internal,
}

/// Why an operation failed. Each reason belongs to one [`ErrorCode`]; the UI has a sentence for each, in
/// every language, filled in from [`ErrorParams`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    // Validation of one value (`subject`).
    /// Empty, or only spaces.
    Empty,
    /// Over `max` characters (`actual` given).
    TooLong,
    /// Outside `min`–`max` (`actual` given when it is a number).
    OutOfRange,
    /// Line breaks, control or NUL characters where none can be.
    InvalidCharacters,
    /// Not in the expected shape (an id, an address, a key, a region).
    InvalidFormat,
    /// Not one of the `expected` values.
    InvalidValue,
    /// Not an RFC 3339 date and time.
    InvalidTime,
    /// A command's arguments did not have the expected shape (`value` says where).
    InvalidInput,
    // Validation rules across values.
    EndBeforeStart,
    CategoryAndPrompt,
    CompletedAndStopped,
    CompletedTooEarly,
    RanWholeTime,
    LongerThanPlanned,
    LongerThanSpan,
    TooManyRounds,
    NoBreathingPhase,
    EmptyReply,
    ProposalOnReply,
    NothingToReplyTo,
    NothingToRetry,
    NoProposal,
    ProposalElsewhere,
    KeyAndRemoval,
    ProviderOrder,
    TooManyProviders,
    TooManyReminders,
    NoChatModel,
    /// Not the profile's PIN (`actual`: the tries left before each one has to wait).
    WrongPin,
    /// A file that is not one of the audio formats Wbot plays (`value`: its extension; `expected`).
    UnsupportedAudio,
    /// A file that does not decode as audio.
    NotAudio,
    /// An audio file that ends before the length its header announces (`actual` and `max`: the ms
    /// that decode and the ms announced): a download cut short or a damaged copy.
    AudioIncomplete,
    /// A provider address with plain http to a host beyond this device and the local network.
    InsecureAddress,
    /// A provider address with a user name or password in it.
    AddressWithCredentials,
    /// The chat model refused the request (`value`: the provider error kind; `actual`: the HTTP status).
    ProviderRefused,
    // Not found (`subject`, and the `value` asked for when it is an id).
    NotFound,
    // Conflicts with the state of things.
    SessionPaused,
    SessionEnded,
    WrongPhase,
    ReplyInProgress,
    /// (not found) the reply asked to stop has already ended.
    ReplyNotStreaming,
    /// The profile has a PIN that was not given in this run (ADR 0016).
    ProfileLocked,
    /// Too many wrong PINs in a row: the next try waits (`actual`: the seconds left).
    TooManyAttempts,
    /// An update was asked to be installed, but no check has found one in this run.
    NoUpdatePending,
    /// A guided track was asked to pause or seek, but none is playing or paused.
    NothingPlaying,
    /// A series' day (`actual`) was asked before the days before it were done (`max`: the next
    /// day to do).
    SeriesDayLocked,
    // Something this device cannot do right now.
    DatabaseBusy,
    KeychainUnavailable,
    RuntimeMissing,
    RuntimeUnusable,
    ModelMissing,
    ModelUnusable,
    DataFolder,
    /// The system would not show a notification.
    NotificationsUnavailable,
    /// Another process (its id in `value`) has the data folder open: the app and the CLI cannot write
    /// one folder at once.
    DataInUse,
    /// A file the person chose (an archive to import, the place to export to) could not be read or
    /// written (`value`: the operating system's error kind).
    FileAccess,
    /// The chat model could not answer (`value`: the provider error kind; `actual`: the HTTP status).
    ProviderUnavailable,
    /// This build cannot update itself (a mobile app, updated by its store, or a build not installed from
    /// a bundle).
    UpdatesUnsupported,
    /// The update server could not be reached or gave no usable answer (`value`: `offline`,
    /// `timed_out`, `server` or `incomplete`; `actual`: the HTTP status when there was one).
    UpdateUnreachable,
    /// A downloaded update was refused and nothing was installed (`value`: `signature` when it was
    /// not signed by Wbot's key for the version announced, `format` when it is not the right package).
    UpdateRejected,
    /// The local voice cannot speak (`value`: `model_missing` or `model_unusable` for the voice's
    /// files, `phonemizer_missing` or `phonemizer_failed` for espeak-ng, `cancelled`).
    VoiceUnavailable,
    /// A verified update could not be installed; the installed app is unchanged (`value`: `cancelled`
    /// when the person declined the system's password prompt, `failed` otherwise).
    UpdateInstallFailed,
    // A fault in Wbot itself; the detail goes to the log only.
    Internal,
}

impl Reason {
    /// The code this reason belongs to.
    pub fn code(self) -> ErrorCode {
        use Reason::*;
        match self {
            NotFound | ReplyNotStreaming => ErrorCode::NotFound,
            SessionPaused | SessionEnded | WrongPhase | ReplyInProgress | DataInUse
            | ProfileLocked | TooManyAttempts | NoUpdatePending | NothingPlaying
            | SeriesDayLocked => ErrorCode::Conflict,
            DatabaseBusy
            | KeychainUnavailable
            | RuntimeMissing
            | RuntimeUnusable
            | ModelMissing
            | ModelUnusable
            | DataFolder
            | FileAccess
            | ProviderUnavailable
            | NotificationsUnavailable
            | UpdatesUnsupported
            | UpdateUnreachable
            | UpdateRejected
            | UpdateInstallFailed
            | VoiceUnavailable => ErrorCode::Unavailable,
            Internal => ErrorCode::Internal,
            _ => ErrorCode::Validation,
        }
    }
}

/// What an error is about: a value that was refused, or a thing that was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    // People and settings.
    Profile,
    DisplayName,
    /// A profile's PIN (4–8 digits).
    Pin,
    Onboarding,
    CueVolume,
    AmbientVolume,
    /// The volume of breathing's spoken cues.
    VoiceCueVolume,
    /// The volume of breathing's breath sounds.
    BreathVolume,
    WeeklyGoal,
    Reminder,
    ReminderTime,
    ReminderDays,
    NotificationText,
    WellnessItem,
    WellnessNote,
    Volume,
    MoodBefore,
    MoodAfter,
    // Mood.
    MoodCheckin,
    Mood,
    Emotion,
    CheckinNote,
    CheckinTime,
    Date,
    UtcOffset,
    DateRange,
    // Chat.
    Conversation,
    Message,
    Reply,
    Title,
    SearchText,
    ResultCount,
    PageSize,
    Provider,
    ProviderId,
    ProviderName,
    ProviderAddress,
    ModelName,
    ProviderTimeout,
    ApiKey,
    HelplineRegion,
    // Memory.
    Memory,
    MemoryBatch,
    MinSimilarity,
    // Journal.
    JournalEntry,
    JournalPrompt,
    WritingTime,
    JournalDraft,
    // Breathing and meditation.
    BreathingSession,
    BreathingPhase,
    Cycles,
    Rounds,
    Breaths,
    BreathTempo,
    RetentionHold,
    RecoveryHold,
    RecoveryPause,
    MeditationSession,
    MeditationLength,
    BellInterval,
    StartTime,
    EndTime,
    /// An imported guided meditation track.
    GuidedTrack,
    /// The audio file a guided track is imported from.
    TrackFile,
    /// A guided track's language (a two-letter code).
    TrackLanguage,
    /// A place in a guided track, in ms.
    TrackPosition,
    /// A meditation script to be spoken.
    Script,
    /// A `[PAUSE Ns]` marker in a script.
    ScriptPause,
    /// The local voice (its model, or espeak-ng making its phonemes).
    Voice,
    /// A meditation series (its id).
    MeditationSeries,
    /// A day of a meditation series (1 for the first).
    SeriesDay,
    // Export and import.
    /// A profile archive (its file, or what is inside it).
    Archive,
    /// The format or schema version an archive was written with.
    ArchiveVersion,
    // Updates.
    /// The release channel (stable or beta).
    UpdateChannel,
}

/// The names and numbers that go with a reason; each is there only when the reason uses it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ErrorParams {
    pub subject: Option<Subject>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub actual: Option<f64>,
    /// The refused value or the id asked for, clipped; never a person's text.
    pub value: Option<String>,
    /// The values that would have been accepted.
    pub expected: Option<Vec<String>>,
    /// Which item of a batch (from 1).
    pub item: Option<u32>,
    /// What a chat model said, in its own words (clipped).
    pub said: Option<String>,
}

/// An error as the UI receives it, from a command or in an event: the code, the reason and its parameters.
/// The detail stays in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AppError {
    pub code: ErrorCode,
    pub reason: Reason,
    pub params: Box<ErrorParams>,
}

impl From<CoreError> for AppError {
    fn from(err: CoreError) -> Self {
        match err.code() {
            ErrorCode::Internal => tracing::error!(error = %err, "failed"),
            ErrorCode::Unavailable => tracing::warn!(error = %err, "unavailable"),
            _ => {}
        }
        Self {
            code: err.code(),
            reason: err.reason,
            params: err.params,
        }
    }
}

/// Everything that can go wrong in the core.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreError {
    pub reason: Reason,
    /// Boxed: most results are `Ok`, and a small `Err` keeps every `Result` small.
    pub params: Box<ErrorParams>,
    /// What the log gets besides the reason (the underlying error); never sent to the UI.
    pub detail: Option<String>,
}

impl std::fmt::Display for CoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let reason = serde_json::to_value(self.reason).unwrap_or_default();
        write!(f, "{}", reason.as_str().unwrap_or("?"))?;
        let p = &self.params;
        if let Some(s) = p.subject {
            let s = serde_json::to_value(s).unwrap_or_default();
            write!(f, " {}", s.as_str().unwrap_or("?"))?;
        }
        for (name, n) in [("min", p.min), ("max", p.max), ("actual", p.actual)] {
            if let Some(n) = n {
                write!(f, " {name}={n}")?;
            }
        }
        if let Some(v) = &p.value {
            write!(f, " value={v:?}")?;
        }
        if let Some(e) = &p.expected {
            write!(f, " expected={}", e.join("|"))?;
        }
        if let Some(i) = p.item {
            write!(f, " item={i}")?;
        }
        if let Some(s) = &p.said {
            write!(f, " said={s:?}")?;
        }
        if let Some(d) = &self.detail {
            write!(f, " ({d})")?;
        }
        Ok(())
    }
}

impl std::error::Error for CoreError {}

impl CoreError {
    /// An error for this reason, with no parameters yet.
    pub fn new(reason: Reason) -> Self {
        Self {
            reason,
            params: Box::default(),
            detail: None,
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        self.reason.code()
    }

    /// `subject` is empty.
    pub fn empty(subject: Subject) -> Self {
        Self::new(Reason::Empty).subject(subject)
    }

    /// `subject` has `actual` characters, over `max`.
    pub fn too_long(subject: Subject, max: usize, actual: usize) -> Self {
        Self::new(Reason::TooLong)
            .subject(subject)
            .max(max as f64)
            .actual(actual as f64)
    }

    /// `subject` must be within `min`–`max`.
    pub fn out_of_range(subject: Subject, min: f64, max: f64) -> Self {
        Self::new(Reason::OutOfRange)
            .subject(subject)
            .min(min)
            .max(max)
    }

    /// There is no `subject` with this id (for this profile).
    pub fn not_found(subject: Subject, id: impl AsRef<str>) -> Self {
        Self::new(Reason::NotFound)
            .subject(subject)
            .value(id.as_ref())
    }

    /// A fault in Wbot: the detail is logged, the UI says something went wrong.
    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(Reason::Internal).detail(detail)
    }

    pub fn subject(mut self, subject: Subject) -> Self {
        self.params.subject = Some(subject);
        self
    }

    pub fn min(mut self, min: f64) -> Self {
        self.params.min = Some(min);
        self
    }

    pub fn max(mut self, max: f64) -> Self {
        self.params.max = Some(max);
        self
    }

    pub fn actual(mut self, actual: f64) -> Self {
        self.params.actual = Some(actual);
        self
    }

    /// The refused value or the id asked for (clipped to 80 characters).
    pub fn value(mut self, value: &str) -> Self {
        self.params.value = Some(crate::text::clip(value, 80));
        self
    }

    pub fn expected(mut self, expected: &[&str]) -> Self {
        self.params.expected = Some(expected.iter().map(|s| s.to_string()).collect());
        self
    }

    pub fn item(mut self, item: u32) -> Self {
        self.params.item = Some(item);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

impl From<sqlx::Error> for CoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.message().contains("database is locked") => {
                Self::new(Reason::DatabaseBusy)
            }
            _ => Self::internal(format!("storage error ({err})")),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for CoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        Self::internal(format!("could not prepare the database ({err})"))
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(err: serde_json::Error) -> Self {
        Self::internal(format!("stored data could not be read ({err})"))
    }
}

/// The core's result type.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;
