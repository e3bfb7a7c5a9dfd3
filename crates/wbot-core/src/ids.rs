//! Typed ids. Every id is a UUID, stored and sent as its hyphenated lowercase text; each kind of id has
//! its own type, so a conversation's id cannot be passed where a memory's is expected. Ids arrive from
//! the UI and the CLI as text: `parse` is the first validation of every command that takes one, and
//! its error names what the id was for.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use crate::error::{CoreError, Reason, Result, Subject};

macro_rules! typed_id {
    ($( $(#[$doc:meta])* $name:ident => $subject:ident; )+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(serde::Serialize, serde::Deserialize, specta::Type, sqlx::Type)]
        #[serde(try_from = "String", into = "String")]
        #[sqlx(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new random id.
            pub fn new() -> Self {
                Self(Uuid::new_v4().to_string())
            }

            /// `raw` as this kind of id (surrounding spaces and upper case are accepted), or
            /// `invalid_format` naming what it was the id of.
            pub fn parse(raw: &str) -> Result<Self> {
                Uuid::parse_str(raw.trim())
                    .map(|id| Self(id.to_string()))
                    .map_err(|_| {
                        CoreError::new(Reason::InvalidFormat)
                            .subject(Subject::$subject)
                            .value(raw)
                    })
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = CoreError;

            fn from_str(raw: &str) -> Result<Self> {
                Self::parse(raw)
            }
        }

        impl TryFrom<String> for $name {
            type Error = CoreError;

            fn try_from(raw: String) -> Result<Self> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    )+};
}

typed_id! {
    /// A profile: one person's data, isolated from every other profile's.
    ProfileId => Profile;
    /// A conversation with the companion.
    ConversationId => Conversation;
    /// A message in a conversation.
    MessageId => Message;
    /// A reply while it streams (the message it is saved as has its own id).
    ReplyId => Reply;
    /// A model provider in a profile's fallback chain.
    ProviderId => Provider;
    /// A memory.
    MemoryId => Memory;
    /// A journal entry.
    JournalEntryId => JournalEntry;
    /// A saved breathing session.
    BreathingSessionId => BreathingSession;
    /// A breathing session while it runs (the session it becomes when saved has its own id).
    BreathingRunId => BreathingSession;
    /// A meditation session.
    MeditationSessionId => MeditationSession;
    /// A meditation timer while it runs (the session it becomes when saved has its own id).
    MeditationRunId => MeditationSession;
    /// A mood check-in.
    CheckinId => MoodCheckin;
    /// A daily reminder.
    ReminderId => Reminder;
    /// An item of a wellness profile.
    WellnessItemId => WellnessItem;
    /// An imported guided meditation track.
    GuidedTrackId => GuidedTrack;
    /// A guided track heard to its end.
    GuidedListenId => GuidedTrack;
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn ids_are_normalised_and_bad_ones_name_their_subject() {
        let id = ConversationId::parse("  6F9619FF-8B86-D011-B42D-00C04FC964FF ").unwrap();
        assert_eq!(id.as_str(), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
        let err = MemoryId::parse("nope").unwrap_err();
        assert_eq!(err.reason, Reason::InvalidFormat);
        assert_eq!(err.params.subject, Some(Subject::Memory));
        assert_eq!(err.params.value.as_deref(), Some("nope"));
    }

    #[test]
    fn ids_cross_json_as_text_and_are_checked_on_the_way_in() {
        let id = ProfileId::new();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<ProfileId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<ProfileId>("\"not-an-id\"").is_err());
    }
}
