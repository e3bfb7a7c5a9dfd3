-- Journal and mood (issue 11, SPEC §6).
--
-- 1. Every mood a person gives lives in one table, `mood_checkins`: a standalone check-in (with optional
--    emotions and a note), or the mood before or after an activity, linked to it by the activity's id.
--    The moods saved so far on breathing, meditation and journal rows move there, and those columns go.
-- 2. Journal entries can be edited and favourited, written without a prompt, found by their words
--    (`journal_fts`) and by meaning (each entry's vector, from the memory model), and a draft is kept
--    while the person writes.

CREATE TABLE mood_checkins (
    id          TEXT PRIMARY KEY NOT NULL,
    profile_id  TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    mood        INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    -- JSON array of emotion codes (`mood::Emotion`), at most one of each.
    emotions    TEXT NOT NULL DEFAULT '[]',
    note        TEXT NOT NULL DEFAULT '',
    -- Standalone check-ins have no activity, activity id or moment; an activity's have all three.
    activity    TEXT CHECK (activity IN ('breathing', 'meditation', 'journaling')),
    activity_id TEXT,
    moment      TEXT CHECK (moment IN ('before', 'after')),
    created_at  TEXT NOT NULL,
    CHECK ((activity IS NULL AND activity_id IS NULL AND moment IS NULL)
        OR (activity IS NOT NULL AND activity_id IS NOT NULL AND moment IS NOT NULL))
);
CREATE INDEX mood_checkins_profile_created ON mood_checkins (profile_id, created_at);
CREATE UNIQUE INDEX mood_checkins_activity ON mood_checkins (activity_id, moment)
    WHERE activity_id IS NOT NULL;

-- A random version-4 UUID per moved mood, as the core writes them.
CREATE TEMP VIEW moved_moods AS
SELECT profile_id, mood, activity, activity_id, moment, created_at,
       lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
       || substr(lower(hex(randomblob(2))), 2) || '-8' || substr(lower(hex(randomblob(2))), 2) || '-'
       || lower(hex(randomblob(6))) AS id
FROM (
    SELECT profile_id, mood_before AS mood, 'breathing' AS activity, id AS activity_id, 'before' AS moment,
           started_at AS created_at FROM breathing_sessions WHERE mood_before IS NOT NULL
    UNION ALL
    SELECT profile_id, mood_after, 'breathing', id, 'after', ended_at
      FROM breathing_sessions WHERE mood_after IS NOT NULL
    UNION ALL
    SELECT profile_id, mood_before, 'meditation', id, 'before', started_at
      FROM meditation_sessions WHERE mood_before IS NOT NULL
    UNION ALL
    SELECT profile_id, mood_after, 'meditation', id, 'after', ended_at
      FROM meditation_sessions WHERE mood_after IS NOT NULL
    UNION ALL
    SELECT profile_id, mood_before, 'journaling', id, 'before', created_at
      FROM journal_entries WHERE mood_before IS NOT NULL
    UNION ALL
    SELECT profile_id, mood_after, 'journaling', id, 'after', created_at
      FROM journal_entries WHERE mood_after IS NOT NULL
);
INSERT INTO mood_checkins (id, profile_id, mood, activity, activity_id, moment, created_at)
SELECT id, profile_id, mood, activity, activity_id, moment, created_at FROM moved_moods;
DROP VIEW moved_moods;

ALTER TABLE breathing_sessions DROP COLUMN mood_before;
ALTER TABLE breathing_sessions DROP COLUMN mood_after;
ALTER TABLE meditation_sessions DROP COLUMN mood_before;
ALTER TABLE meditation_sessions DROP COLUMN mood_after;

-- Journal entries, rebuilt: a row number for the full-text index, no prompt for free writing, a favourite
-- flag, the profile as one token for the full-text index, and the entry's vector.
CREATE TABLE journal_entries_new (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    profile_id      TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    -- NULL with no prompt (free writing).
    category        TEXT
                    CHECK (category IN ('reflection', 'gratitude', 'processing', 'growth', 'self_compassion')),
    prompt          TEXT CHECK ((prompt IS NULL) = (category IS NULL)),
    text            TEXT NOT NULL CHECK (length(text) > 0),
    word_count      INTEGER NOT NULL CHECK (word_count >= 0),
    -- Time spent writing (the editor open), in milliseconds.
    writing_ms      INTEGER NOT NULL CHECK (writing_ms >= 0),
    favourite       INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    profile_token   TEXT GENERATED ALWAYS AS (replace(profile_id, '-', '')) VIRTUAL,
    -- The text's vector (little-endian half floats, as memories') from `embedding_model`; NULL until embedded.
    embedding       BLOB,
    embedding_model TEXT
);
INSERT INTO journal_entries_new (id, profile_id, category, prompt, text, word_count, writing_ms,
                                 created_at, updated_at)
SELECT id, profile_id, category, prompt, text, word_count, writing_ms, created_at, updated_at
FROM journal_entries ORDER BY created_at, id;
DROP TABLE journal_entries;
ALTER TABLE journal_entries_new RENAME TO journal_entries;
CREATE INDEX journal_entries_profile_created ON journal_entries (profile_id, created_at DESC, id DESC);
-- Finds the entries a search by meaning must embed first (none, or a different model).
CREATE INDEX journal_entries_profile_model ON journal_entries (profile_id, embedding_model);

CREATE VIRTUAL TABLE journal_fts USING fts5(
    text,
    prompt,
    profile_token,
    content = 'journal_entries',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO journal_fts (journal_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO journal_fts (journal_fts) VALUES ('rebuild');

CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal_entries BEGIN
    INSERT INTO journal_fts (rowid, text, prompt, profile_token)
    VALUES (new.seq, new.text, new.prompt, new.profile_token);
END;

CREATE TRIGGER journal_fts_delete AFTER DELETE ON journal_entries BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, text, prompt, profile_token)
    VALUES ('delete', old.seq, old.text, old.prompt, old.profile_token);
END;

CREATE TRIGGER journal_fts_update AFTER UPDATE OF text, prompt ON journal_entries BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, text, prompt, profile_token)
    VALUES ('delete', old.seq, old.text, old.prompt, old.profile_token);
    INSERT INTO journal_fts (rowid, text, prompt, profile_token)
    VALUES (new.seq, new.text, new.prompt, new.profile_token);
END;

-- An activity's moods go with it.
CREATE TRIGGER breathing_sessions_moods_delete AFTER DELETE ON breathing_sessions BEGIN
    DELETE FROM mood_checkins WHERE activity_id = old.id;
END;
CREATE TRIGGER meditation_sessions_moods_delete AFTER DELETE ON meditation_sessions BEGIN
    DELETE FROM mood_checkins WHERE activity_id = old.id;
END;
CREATE TRIGGER journal_entries_moods_delete AFTER DELETE ON journal_entries BEGIN
    DELETE FROM mood_checkins WHERE activity_id = old.id;
END;

-- What the person is writing, saved every few seconds (one draft per profile). `entry_id` is set when the
-- draft edits a saved entry.
CREATE TABLE journal_drafts (
    profile_id  TEXT PRIMARY KEY NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    entry_id    TEXT,
    category    TEXT
                CHECK (category IN ('reflection', 'gratitude', 'processing', 'growth', 'self_compassion')),
    prompt      TEXT CHECK ((prompt IS NULL) = (category IS NULL)),
    text        TEXT NOT NULL,
    writing_ms  INTEGER NOT NULL CHECK (writing_ms >= 0),
    mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
    updated_at  TEXT NOT NULL
);
