-- Meditation sessions (SPEC §5): one row per finished or ended-early silent timer.
-- `duration_ms` is time meditating, pauses excluded; `planned_ms` is what the person chose.
CREATE TABLE meditation_sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('silent')),
    planned_ms  INTEGER NOT NULL CHECK (planned_ms BETWEEN 60000 AND 7200000),
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    completed   INTEGER NOT NULL CHECK (completed IN (0, 1)),
    started_at  TEXT NOT NULL,
    ended_at    TEXT NOT NULL,
    mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
    mood_after  INTEGER CHECK (mood_after BETWEEN 1 AND 5),
    CHECK (duration_ms <= planned_ms + 5000)
);
CREATE INDEX meditation_sessions_profile_started
    ON meditation_sessions (profile_id, started_at DESC, id DESC);
