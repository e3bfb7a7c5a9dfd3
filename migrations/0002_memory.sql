-- Memory: what Wbot remembers per profile, its full-text index and the bookkeeping of the vector index.

-- `key` is the integer the HNSW index stores for a memory. AUTOINCREMENT so a key is never reused after a
-- delete: a stale index entry can then never point at a different memory.
CREATE TABLE memories (
    key             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    profile_id      TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    conversation_id TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('exchange', 'note', 'journal')),
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    pinned          INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    source          TEXT NOT NULL DEFAULT 'user',
    -- The embedding as little-endian IEEE half floats (dimension x 2 bytes); NULL while it waits to be
    -- (re-)computed after a model change.
    embedding       BLOB CHECK (embedding IS NULL OR length(embedding) % 2 = 0)
);
CREATE INDEX memories_profile_key ON memories (profile_id, key);
CREATE INDEX memories_conversation ON memories (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX memories_unembedded ON memories (key) WHERE embedding IS NULL;

-- Full text over memories.text, external content kept in sync by the triggers below.
CREATE VIRTUAL TABLE memories_fts USING fts5(
    text,
    content = 'memories',
    content_rowid = 'key',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
    INSERT INTO memories_fts (rowid, text) VALUES (new.key, new.text);
END;

CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, text) VALUES ('delete', old.key, old.text);
END;

CREATE TRIGGER memories_fts_update AFTER UPDATE OF text ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, text) VALUES ('delete', old.key, old.text);
    INSERT INTO memories_fts (rowid, text) VALUES (new.key, new.text);
END;

-- One row: the embedding model the stored vectors come from.
CREATE TABLE memory_model (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    model_id   TEXT NOT NULL,
    dimensions INTEGER NOT NULL CHECK (dimensions > 0),
    updated_at TEXT NOT NULL
);

-- Per profile: `generation` grows with every change to the profile's memories (in the same transaction);
-- the saved_* columns describe the index file on disk when it was last saved. The file is trusted on open
-- only when they all agree with the table; otherwise it is rebuilt from the stored vectors.
CREATE TABLE memory_index_state (
    profile_id       TEXT PRIMARY KEY NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    generation       INTEGER NOT NULL DEFAULT 0,
    saved_generation INTEGER NOT NULL DEFAULT -1,
    saved_count      INTEGER NOT NULL DEFAULT 0,
    saved_model_id   TEXT
);
