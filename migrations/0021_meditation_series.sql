-- Meditation series (SPEC §5, issue 10 item 6): "7 Day Calm" and "Sleep Better", scripts the team
-- wrote, spoken by the local voice on a day's first play into a guided track (kept here, so later
-- plays reuse it; deleting the track only forgets it) and completed when that track is played to
-- its end. A series' days open in order; the completion days count as meditation in Progress.
CREATE TABLE meditation_series_days (
    profile_id   TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    series       TEXT NOT NULL CHECK (series IN ('seven_day_calm', 'sleep_better')),
    day          INTEGER NOT NULL CHECK (day BETWEEN 1 AND 7),
    kind         TEXT NOT NULL CHECK (kind IN ('body_scan', 'breathing_focus', 'loving_kindness',
                                               'difficulties', 'sleep', 'daily_mindfulness')),
    track_id     TEXT REFERENCES guided_tracks(id) ON DELETE SET NULL,
    completed_at TEXT,
    local_date   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (profile_id, series, day)
);
