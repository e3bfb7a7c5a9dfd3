-- Journal entries (SPEC §6, first part): what a person wrote, to which prompt, how long it took, and their
-- mood before and after. Started from a companion's journaling card for now.

CREATE TABLE journal_entries (
    id          TEXT PRIMARY KEY NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    category    TEXT NOT NULL
                CHECK (category IN ('reflection', 'gratitude', 'processing', 'growth', 'self_compassion')),
    prompt      TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(text) > 0),
    word_count  INTEGER NOT NULL CHECK (word_count >= 0),
    -- Time spent writing (the editor open), in milliseconds.
    writing_ms  INTEGER NOT NULL CHECK (writing_ms >= 0),
    mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
    mood_after  INTEGER CHECK (mood_after BETWEEN 1 AND 5),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX journal_entries_profile_created ON journal_entries (profile_id, created_at DESC, id DESC);
