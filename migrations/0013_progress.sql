-- Progress and effectiveness (SPEC §6-7, issue 12).
--
-- Each activity's calendar day where the person was: the date of its start in the UTC offset the start
-- time was written in (the app writes local times). Streaks, weekly goals and the calendar count these
-- days, so a change of time zone or a DST jump neither breaks nor doubles a streak. Rows saved before
-- this migration kept only UTC times: their day is the UTC date.
ALTER TABLE breathing_sessions ADD COLUMN local_date TEXT NOT NULL DEFAULT '';
UPDATE breathing_sessions SET local_date = substr(started_at, 1, 10);
ALTER TABLE meditation_sessions ADD COLUMN local_date TEXT NOT NULL DEFAULT '';
UPDATE meditation_sessions SET local_date = substr(started_at, 1, 10);
ALTER TABLE journal_entries ADD COLUMN local_date TEXT NOT NULL DEFAULT '';
UPDATE journal_entries SET local_date = substr(created_at, 1, 10);

CREATE INDEX breathing_sessions_profile_day ON breathing_sessions (profile_id, local_date);
CREATE INDEX meditation_sessions_profile_day ON meditation_sessions (profile_id, local_date);
CREATE INDEX journal_entries_profile_day ON journal_entries (profile_id, local_date);

-- Motivation settings per profile: streaks and badges can be turned off; the weekly goal is a number of
-- active days in a Monday-first week.
ALTER TABLE settings ADD COLUMN streaks_on INTEGER NOT NULL DEFAULT 1 CHECK (streaks_on IN (0, 1));
ALTER TABLE settings ADD COLUMN badges_on INTEGER NOT NULL DEFAULT 1 CHECK (badges_on IN (0, 1));
ALTER TABLE settings ADD COLUMN weekly_goal_days INTEGER NOT NULL DEFAULT 5
    CHECK (weekly_goal_days BETWEEN 1 AND 7);
