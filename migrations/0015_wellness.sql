-- The wellness profile (issue 12, SPEC §7): what the companion has learned about a person, computed on the
-- device from remembered conversations, journal entries they shared, check-ins and sessions. Each row is
-- a code (a topic, an emotion, an activity kind, a preference) with numbers and where it came from, never
-- the person's words; only `note`, which the person writes themselves, holds text. A removed item stays
-- as a hidden row so that learning does not bring it back; a reset deletes every row.

CREATE TABLE wellness_items (
    id            TEXT PRIMARY KEY NOT NULL,
    profile_id    TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('topic', 'trigger', 'baseline', 'helps', 'preference')),
    code          TEXT NOT NULL,
    -- What the item measures: mentions (topic, trigger), the mean mood (baseline `mood`), times felt
    -- (baseline emotions), the effectiveness score (helps), the share of messages (preference).
    value         REAL NOT NULL,
    -- Where it came from: how many user messages, shared journal entries, check-ins and sessions.
    messages      INTEGER NOT NULL DEFAULT 0 CHECK (messages >= 0),
    journal       INTEGER NOT NULL DEFAULT 0 CHECK (journal >= 0),
    checkins      INTEGER NOT NULL DEFAULT 0 CHECK (checkins >= 0),
    sessions      INTEGER NOT NULL DEFAULT 0 CHECK (sessions >= 0),
    note          TEXT NOT NULL DEFAULT '',
    hidden        INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    updated_at    TEXT NOT NULL,
    UNIQUE (profile_id, kind, code)
);

-- Learning can be paused; a reset starts it again from that moment (`learned_since`, empty: from the start).
ALTER TABLE settings ADD COLUMN learning_on INTEGER NOT NULL DEFAULT 1 CHECK (learning_on IN (0, 1));
ALTER TABLE settings ADD COLUMN learned_since TEXT NOT NULL DEFAULT '';
