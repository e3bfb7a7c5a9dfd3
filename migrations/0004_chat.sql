-- Companion chat (SPEC §2): conversations and their messages per profile, with full text over messages.

CREATE TABLE conversations (
    id                TEXT PRIMARY KEY NOT NULL,
    profile_id        TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    -- Empty until the first user message names it (or the user does).
    title             TEXT NOT NULL DEFAULT '',
    title_set_by_user INTEGER NOT NULL DEFAULT 0 CHECK (title_set_by_user IN (0, 1)),
    -- 0: "don't remember" — no memories are made from this conversation.
    remember          INTEGER NOT NULL DEFAULT 1 CHECK (remember IN (0, 1)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- Lets messages reference (id, profile_id) so a message can never sit under another profile's conversation.
    UNIQUE (id, profile_id)
);
CREATE INDEX conversations_profile_updated ON conversations (profile_id, updated_at DESC, id DESC);

-- `seq` orders messages and is the full-text rowid; `id` is what crosses the boundary.
CREATE TABLE messages (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    profile_id      TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'system_summary')),
    content         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'complete'
                    CHECK (status IN ('complete', 'partial', 'failed', 'cancelled')),
    error           TEXT,
    created_at      TEXT NOT NULL,
    -- A typed activity proposal (the core's `ActivityProposal`), never inside the text.
    proposal        TEXT CHECK (proposal IS NULL OR json_valid(proposal)),
    FOREIGN KEY (conversation_id, profile_id) REFERENCES conversations (id, profile_id) ON DELETE CASCADE
);
CREATE INDEX messages_conversation_seq ON messages (conversation_id, seq);
CREATE INDEX messages_profile ON messages (profile_id);

CREATE VIRTUAL TABLE messages_fts USING fts5(
    content,
    content = 'messages',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
END;

CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
    INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
END;
