//! The onboarding answers (SPEC §7): 8 questions plus contraindications for intense breathing.

use serde::{Deserialize, Serialize};

use super::ProfileService;
use crate::db::now_rfc3339;
use crate::error::{CoreError, Result, Subject};
use crate::ids::ProfileId;
use crate::text::string_enum;

string_enum!(
    /// How the person feels right now.
    CurrentFeeling { Great = "great", Good = "good", Okay = "okay", Low = "low", Struggling = "struggling" }
);
string_enum!(
    /// What they most want from Wbot.
    PrimaryGoal {
        ReduceStress = "reduce_stress", ImproveSleep = "improve_sleep", ManageAnxiety = "manage_anxiety",
        BuildHabits = "build_habits", ProcessEmotions = "process_emotions", SelfDiscovery = "self_discovery",
    }
);
string_enum!(
    /// What is hard for them lately (several may apply).
    Challenge {
        Stress = "stress", Anxiety = "anxiety", Sleep = "sleep", Focus = "focus",
        Relationships = "relationships", Work = "work", LowMood = "low_mood", Loneliness = "loneliness",
    }
);
string_enum!(
    /// How the companion should talk.
    CommunicationStyle { Direct = "direct", Warm = "warm", Reflective = "reflective", Structured = "structured" }
);
string_enum!(
    /// What kind of support helps them most.
    SupportType {
        Listening = "listening", Guidance = "guidance", PracticalTools = "practical_tools", Encouragement = "encouragement",
    }
);
string_enum!(
    /// Activities they like (several may apply).
    PreferredActivity {
        Breathing = "breathing", Meditation = "meditation", Journaling = "journaling",
        MoodTracking = "mood_tracking", Conversation = "conversation",
    }
);
string_enum!(
    /// Their experience with mindfulness practice.
    ExperienceLevel { Beginner = "beginner", Some = "some", Experienced = "experienced" }
);
string_enum!(
    /// Preferred session length: short up to 5 min, medium 5–15, long beyond.
    SessionLength { Short = "short", Medium = "medium", Long = "long" }
);
string_enum!(
    /// Conditions that rule out intense breathing (Wim Hof).
    Contraindication {
        HeartCondition = "heart_condition", HighBloodPressure = "high_blood_pressure",
        Pregnancy = "pregnancy", Epilepsy = "epilepsy",
    }
);

/// The answers to onboarding, editable later in settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OnboardingAnswers {
    pub current_feeling: CurrentFeeling,
    pub primary_goal: PrimaryGoal,
    pub challenges: Vec<Challenge>,
    pub communication_style: CommunicationStyle,
    pub support_type: SupportType,
    pub preferred_activities: Vec<PreferredActivity>,
    pub experience_level: ExperienceLevel,
    pub session_length: SessionLength,
    pub contraindications: Vec<Contraindication>,
}

impl OnboardingAnswers {
    /// Middle-of-the-road answers, for profiles made from scripts and tests.
    pub fn neutral() -> Self {
        Self {
            current_feeling: CurrentFeeling::Okay,
            primary_goal: PrimaryGoal::ReduceStress,
            challenges: Vec::new(),
            communication_style: CommunicationStyle::Warm,
            support_type: SupportType::Listening,
            preferred_activities: Vec::new(),
            experience_level: ExperienceLevel::Beginner,
            session_length: SessionLength::Short,
            contraindications: Vec::new(),
        }
    }

    /// The same answers with each multi-select sorted and de-duplicated.
    pub fn normalized(mut self) -> Self {
        fn tidy<T: Ord>(v: &mut Vec<T>) {
            v.sort();
            v.dedup();
        }
        tidy(&mut self.challenges);
        tidy(&mut self.preferred_activities);
        tidy(&mut self.contraindications);
        self
    }
}

impl ProfileService {
    /// A profile's onboarding answers.
    pub async fn onboarding(&self, profile_id: &ProfileId) -> Result<OnboardingAnswers> {
        let id = self.require_profile(profile_id).await?;
        let answers: String =
            sqlx::query_scalar("SELECT answers FROM onboarding WHERE profile_id = ?")
                .bind(&id)
                .fetch_optional(self.db.reader())
                .await?
                .ok_or_else(|| CoreError::not_found(Subject::Onboarding, &id))?;
        Ok(serde_json::from_str(&answers)?)
    }

    /// Replaces a profile's onboarding answers.
    pub async fn update_onboarding(
        &self,
        profile_id: &ProfileId,
        answers: OnboardingAnswers,
    ) -> Result<OnboardingAnswers> {
        let id = self.require_profile(profile_id).await?;
        let answers = answers.normalized();
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO onboarding (profile_id, answers, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (profile_id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at",
        )
        .bind(&id)
        .bind(serde_json::to_string(&answers)?)
        .bind(now_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(answers)
    }
}
