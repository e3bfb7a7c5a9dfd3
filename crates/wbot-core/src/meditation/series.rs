//! Meditation series (SPEC §5, issue 10 item 6): "7 Day Calm" (seven sessions) and "Sleep
//! Better" (five), scripts the team wrote. A day is spoken by the local voice on its first play
//! into a guided track, which later plays reuse (migration 0021), and is done when that track has
//! played to its end. The days open in order; a series is complete, and earns its badge in
//! Progress, when its last day is done.

use serde::{Deserialize, Serialize};
use sqlx::Row as _;

use super::spoken::{estimate_minutes, Written};
use super::{GuidedKind, GuidedTrack, MeditationService};
use crate::db::{local_date, local_now, now_rfc3339};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::ids::{GuidedListenId, GuidedTrackId, ProfileId};
use crate::text::string_enum;
use crate::voice::Script;

string_enum!(
    /// A series of meditations, one a day; the UI names it.
    SeriesId { SevenDayCalm = "seven_day_calm", SleepBetter = "sleep_better" }
);

/// A day of a series: its script, in `data/scripts/en/series/`.
macro_rules! day {
    ($id:literal, $kind:ident) => {
        Written {
            id: $id,
            kind: GuidedKind::$kind,
            language: "en",
            text: include_str!(concat!("../../data/scripts/en/series/", $id, ".txt")),
        }
    };
}

const SEVEN_DAY_CALM: &[Written] = &[
    day!("calm-1", BreathingFocus),
    day!("calm-2", BreathingFocus),
    day!("calm-3", BodyScan),
    day!("calm-4", DailyMindfulness),
    day!("calm-5", DailyMindfulness),
    day!("calm-6", LovingKindness),
    day!("calm-7", DailyMindfulness),
];

const SLEEP_BETTER: &[Written] = &[
    day!("sleep-1", Sleep),
    day!("sleep-2", Sleep),
    day!("sleep-3", Sleep),
    day!("sleep-4", Sleep),
    day!("sleep-5", Sleep),
];

impl SeriesId {
    fn scripts(self) -> &'static [Written] {
        match self {
            Self::SevenDayCalm => SEVEN_DAY_CALM,
            Self::SleepBetter => SLEEP_BETTER,
        }
    }

    /// How many days the series has.
    pub fn days(self) -> u8 {
        u8::try_from(self.scripts().len()).unwrap_or(u8::MAX)
    }
}

/// A day of a series and how far the person is with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SeriesDay {
    /// 1 for the first.
    pub day: u8,
    pub kind: GuidedKind,
    /// About how long it lasts.
    pub minutes: u32,
    /// The track it was spoken into, once it has been.
    pub track_id: Option<GuidedTrackId>,
    /// The day it was done (listened to its end), `YYYY-MM-DD`.
    pub completed_on: Option<String>,
    /// Whether it can be played: every day before it is done.
    pub open: bool,
}

/// A series and the person's days in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MeditationSeries {
    pub id: SeriesId,
    pub days: Vec<SeriesDay>,
    /// The day its last day was done, `YYYY-MM-DD`.
    pub completed_on: Option<String>,
}

/// The day `day` of `series`, or `out_of_range`.
fn script(series: SeriesId, day: u32) -> Result<&'static Written> {
    usize::try_from(day)
        .ok()
        .and_then(|d| d.checked_sub(1))
        .and_then(|i| series.scripts().get(i))
        .ok_or_else(|| {
            CoreError::out_of_range(Subject::SeriesDay, 1.0, f64::from(series.days()))
                .actual(f64::from(day))
        })
}

impl MeditationService {
    /// Every series, with the person's days in each.
    pub async fn meditation_series(&self, profile_id: &ProfileId) -> Result<Vec<MeditationSeries>> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let rows = sqlx::query(
            "SELECT series, day, track_id, local_date, completed_at IS NOT NULL AS done
             FROM meditation_series_days WHERE profile_id = ?",
        )
        .bind(&profile)
        .fetch_all(self.db.reader())
        .await?;
        let mut saved = Vec::with_capacity(rows.len());
        for row in rows {
            let series: SeriesId = row.try_get::<String, _>("series")?.parse()?;
            let day = u8::try_from(row.try_get::<i64, _>("day")?).unwrap_or(0);
            let track: Option<GuidedTrackId> = row.try_get("track_id")?;
            let done: bool = row.try_get("done")?;
            let on: String = row.try_get("local_date")?;
            saved.push((series, day, track, done.then_some(on)));
        }
        SeriesId::ALL
            .iter()
            .map(|&id| {
                let mut open = true;
                let days = id
                    .scripts()
                    .iter()
                    .zip(1u8..)
                    .map(|(written, day)| {
                        let mine = saved.iter().find(|s| s.0 == id && s.1 == day);
                        let completed_on = mine.and_then(|s| s.3.clone());
                        let this = SeriesDay {
                            day,
                            kind: written.kind,
                            minutes: estimate_minutes(&Script::parse(written.text)?),
                            track_id: mine.and_then(|s| s.2.clone()),
                            completed_on: completed_on.clone(),
                            open,
                        };
                        open = open && completed_on.is_some();
                        Ok(this)
                    })
                    .collect::<Result<Vec<_>>>()?;
                let completed_on = days
                    .iter()
                    .map(|d| d.completed_on.clone())
                    .collect::<Option<Vec<_>>>()
                    .and_then(|on| on.into_iter().max());
                Ok(MeditationSeries {
                    id,
                    days,
                    completed_on,
                })
            })
            .collect()
    }

    /// The guided track of day `day` (1 for the first) of `series` (a [`SeriesId`]), spoken by the local voice on its first play (with
    /// progress, `meditation.voice`, and titled `title`) and reused after. A day opens when the
    /// day before it is done (`series_day_locked` before).
    pub async fn series_day_track(
        &self,
        profile_id: &ProfileId,
        series: &str,
        day: u32,
        title: &str,
    ) -> Result<GuidedTrack> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let series: SeriesId = series
            .parse()
            .map_err(|e: CoreError| e.subject(Subject::MeditationSeries))?;
        let written = script(series, day)?;
        let all = self.meditation_series(&profile).await?;
        let days = all
            .iter()
            .find(|s| s.id == series)
            .map(|s| s.days.as_slice())
            .unwrap_or_default();
        let this = days
            .iter()
            .find(|d| u32::from(d.day) == day)
            .ok_or_else(|| CoreError::internal("a series day is missing"))?;
        if !this.open {
            let next = days
                .iter()
                .find(|d| d.completed_on.is_none())
                .map_or(1, |d| d.day);
            return Err(CoreError::new(Reason::SeriesDayLocked)
                .subject(Subject::SeriesDay)
                .actual(f64::from(day))
                .max(f64::from(next)));
        }
        if let Some(id) = &this.track_id {
            return self.track(&profile, id).await;
        }
        let track = self
            .speak(&profile, written.text, written.kind, title, true)
            .await?;
        let linked = async {
            let mut tx = self.db.begin_write().await?;
            sqlx::query(
                "INSERT INTO meditation_series_days (profile_id, series, day, kind, track_id)
                 VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (profile_id, series, day) DO UPDATE SET track_id = excluded.track_id",
            )
            .bind(&profile)
            .bind(series.as_str())
            .bind(i64::from(day))
            .bind(written.kind.as_str())
            .bind(&track.id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<_, CoreError>(())
        }
        .await;
        if let Err(err) = linked {
            let _ = self.delete_track(&profile, &track.id).await;
            return Err(err);
        }
        Ok(track)
    }

    /// A track heard to its end: a listen (meditation of the track's type in Progress, migration
    /// 0023), and the series day it was spoken for, if any, is done today.
    pub(super) async fn track_finished(
        &self,
        profile: &ProfileId,
        track: &GuidedTrackId,
    ) -> Result<()> {
        let (now, today) = (now_rfc3339(), local_date(local_now()));
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO guided_listens (id, profile_id, track_id, kind, duration_ms, ended_at,
                                         local_date)
             SELECT ?, profile_id, id, kind, duration_ms, ?, ? FROM guided_tracks
             WHERE id = ? AND profile_id = ?",
        )
        .bind(GuidedListenId::new())
        .bind(&now)
        .bind(&today)
        .bind(track)
        .bind(profile)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE meditation_series_days SET completed_at = ?, local_date = ?
             WHERE profile_id = ? AND track_id = ? AND completed_at IS NULL",
        )
        .bind(&now)
        .bind(&today)
        .bind(profile)
        .bind(track)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn every_day_parses_and_lasts_what_its_series_promises() {
        // 7 Day Calm: about five minutes a day; Sleep Better: about eight, lying down at night.
        for (series, minutes) in [(SeriesId::SevenDayCalm, 5), (SeriesId::SleepBetter, 8)] {
            for w in series.scripts() {
                let got = estimate_minutes(&Script::parse(w.text).unwrap());
                assert!(got.abs_diff(minutes) <= 1, "{}: about {got} minutes", w.id);
            }
        }
        assert_eq!(SeriesId::SevenDayCalm.days(), 7);
        assert_eq!(SeriesId::SleepBetter.days(), 5);
    }

    #[test]
    fn a_day_outside_the_series_is_refused() {
        for (series, day) in [(SeriesId::SleepBetter, 0), (SeriesId::SleepBetter, 6)] {
            let err = script(series, day).unwrap_err();
            assert_eq!(err.reason, Reason::OutOfRange);
            assert_eq!(err.params.max, Some(5.0));
        }
        assert_eq!(script(SeriesId::SevenDayCalm, 7).unwrap().id, "calm-7");
    }
}
