-- Breathing sessions (SPEC §4): one row per finished or stopped session. `settings` is the
-- core's `SessionConfig`, `stopped_at` its `StopPoint`, `rounds` a list of `RoundRecord`
-- (per cycle, or per Wim Hof round with its retention).
CREATE TABLE breathing_sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    technique   TEXT NOT NULL
                CHECK (technique IN ('box', 'relaxing_478', 'coherent', 'deep_calm', 'custom', 'wim_hof')),
    settings    TEXT NOT NULL CHECK (json_valid(settings)),
    started_at  TEXT NOT NULL,
    ended_at    TEXT NOT NULL,
    completed   INTEGER NOT NULL CHECK (completed IN (0, 1)),
    stopped_at  TEXT CHECK (stopped_at IS NULL OR json_valid(stopped_at)),
    rounds      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rounds)),
    mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
    mood_after  INTEGER CHECK (mood_after BETWEEN 1 AND 5),
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    CHECK (completed = 0 OR stopped_at IS NULL)
);
CREATE INDEX breathing_sessions_profile_started
    ON breathing_sessions (profile_id, started_at DESC, id DESC);

-- When each profile acknowledged the Wim Hof safety notice (shown until then).
CREATE TABLE breathing_safety (
    profile_id             TEXT PRIMARY KEY NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    notice_acknowledged_at TEXT NOT NULL
);
