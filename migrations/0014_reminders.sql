-- Daily reminders (SPEC §7, issue 12): a check-in or practice reminder at a local time on chosen days.
-- `days` is a bit set, bit 0 Monday … bit 6 Sunday. `last_fired_on` is the local day it last fired, so a
-- restart or a clock set back never fires it twice in a day.
CREATE TABLE reminders (
    id            TEXT PRIMARY KEY NOT NULL,
    profile_id    TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('checkin', 'practice')),
    time          TEXT NOT NULL CHECK (length(time) = 5 AND time GLOB '[0-2][0-9]:[0-5][0-9]'),
    days          INTEGER NOT NULL CHECK (days BETWEEN 1 AND 127),
    enabled       INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    last_fired_on TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX reminders_profile ON reminders (profile_id, created_at);
