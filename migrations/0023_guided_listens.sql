-- Guided listening as meditation (SPEC §5–6, issue 10 and issue 12 item 1): one row each time a
-- guided track (imported, spoken by the voice, or a series' day) is heard to its end, with the
-- track's type, so Progress counts it (streak, calendar, totals, badges) and effectiveness is kept
-- per guided type. The track may be deleted later; the listen stays with its type.
CREATE TABLE guided_listens (
    id          TEXT PRIMARY KEY NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    track_id    TEXT REFERENCES guided_tracks(id) ON DELETE SET NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('body_scan', 'breathing_focus', 'loving_kindness',
                                              'difficulties', 'sleep', 'daily_mindfulness')),
    duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
    ended_at    TEXT NOT NULL,
    local_date  TEXT NOT NULL
);
CREATE INDEX guided_listens_profile ON guided_listens (profile_id, ended_at);
