-- Guided tracks (SPEC §5, issue 10): audio files a person imports, copied into
-- <data>/tracks/<profile>/<id>.<format>, with the type, language and length read on import, where
-- listening stopped, and whether it is a favourite. The rows go with the profile (cascade); the
-- core deletes the folder with them.
CREATE TABLE guided_tracks (
    id          TEXT PRIMARY KEY NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    kind        TEXT NOT NULL CHECK (kind IN ('body_scan', 'breathing_focus', 'loving_kindness',
                                              'difficulties', 'sleep', 'daily_mindfulness')),
    language    TEXT NOT NULL CHECK (length(language) = 2),
    format      TEXT NOT NULL CHECK (format IN ('mp3', 'ogg', 'wav', 'flac')),
    bytes       INTEGER NOT NULL CHECK (bytes BETWEEN 1 AND 524288000),
    duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
    position_ms INTEGER NOT NULL DEFAULT 0 CHECK (position_ms BETWEEN 0 AND duration_ms),
    favourite   INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    created_at  TEXT NOT NULL,
    played_at   TEXT
);
CREATE INDEX guided_tracks_profile ON guided_tracks (profile_id, created_at DESC, id DESC);
