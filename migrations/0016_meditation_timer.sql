-- The meditation timer (SPEC §5, issue 10): up to 180 minutes, with its bell interval, ambient
-- bed and binaural beats kept on each session; six ambient beds (rain, forest and white noise
-- join ocean, pink and brown). SQLite cannot change a CHECK constraint, so both tables are rebuilt
-- with their rows.

DROP TRIGGER meditation_sessions_moods_delete;
ALTER TABLE meditation_sessions RENAME TO meditation_sessions_old;
CREATE TABLE meditation_sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('silent')),
    planned_ms  INTEGER NOT NULL CHECK (planned_ms BETWEEN 60000 AND 10800000),
    interval_ms INTEGER CHECK (interval_ms BETWEEN 60000 AND 1800000),
    ambient     TEXT CHECK (ambient IN ('ocean', 'rain', 'forest', 'white', 'pink', 'brown')),
    binaural    TEXT CHECK (binaural IN ('delta', 'theta', 'alpha', 'beta')),
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    completed   INTEGER NOT NULL CHECK (completed IN (0, 1)),
    started_at  TEXT NOT NULL,
    ended_at    TEXT NOT NULL,
    local_date  TEXT NOT NULL DEFAULT '',
    CHECK (duration_ms <= planned_ms + 5000)
);
INSERT INTO meditation_sessions (id, profile_id, kind, planned_ms, duration_ms, completed,
                                 started_at, ended_at, local_date)
    SELECT id, profile_id, kind, planned_ms, duration_ms, completed, started_at, ended_at, local_date
      FROM meditation_sessions_old;
DROP TABLE meditation_sessions_old;
CREATE INDEX meditation_sessions_profile_started
    ON meditation_sessions (profile_id, started_at DESC, id DESC);
CREATE INDEX meditation_sessions_profile_day ON meditation_sessions (profile_id, local_date);
CREATE TRIGGER meditation_sessions_moods_delete AFTER DELETE ON meditation_sessions BEGIN
    DELETE FROM mood_checkins WHERE activity_id = old.id;
END;

ALTER TABLE settings RENAME TO settings_old;
CREATE TABLE settings (
    profile_id       TEXT PRIMARY KEY NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    theme            TEXT NOT NULL DEFAULT 'system' CHECK (theme IN ('light', 'system', 'dark')),
    locale           TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
    cue_volume       INTEGER NOT NULL DEFAULT 70 CHECK (cue_volume BETWEEN 0 AND 100),
    ambient_volume   INTEGER NOT NULL DEFAULT 50 CHECK (ambient_volume BETWEEN 0 AND 100),
    muted            INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
    updated_at       TEXT NOT NULL,
    ambient_on       INTEGER NOT NULL DEFAULT 0 CHECK (ambient_on IN (0, 1)),
    ambient_sound    TEXT NOT NULL DEFAULT 'ocean'
        CHECK (ambient_sound IN ('ocean', 'rain', 'forest', 'white', 'pink', 'brown')),
    streaks_on       INTEGER NOT NULL DEFAULT 1 CHECK (streaks_on IN (0, 1)),
    badges_on        INTEGER NOT NULL DEFAULT 1 CHECK (badges_on IN (0, 1)),
    weekly_goal_days INTEGER NOT NULL DEFAULT 5 CHECK (weekly_goal_days BETWEEN 1 AND 7),
    learning_on      INTEGER NOT NULL DEFAULT 1 CHECK (learning_on IN (0, 1)),
    learned_since    TEXT NOT NULL DEFAULT ''
);
INSERT INTO settings (profile_id, theme, locale, cue_volume, ambient_volume, muted, updated_at,
                      ambient_on, ambient_sound, streaks_on, badges_on, weekly_goal_days,
                      learning_on, learned_since)
    SELECT profile_id, theme, locale, cue_volume, ambient_volume, muted, updated_at,
           ambient_on, ambient_sound, streaks_on, badges_on, weekly_goal_days,
           learning_on, learned_since
      FROM settings_old;
DROP TABLE settings_old;
