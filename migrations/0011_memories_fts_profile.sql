-- The memories' full-text index also holds whose each memory is (`profile_token`: the profile id as one
-- token), so a search can ask "this word, in this profile's memories" inside the index: how many memories
-- match a word is then counted in the profile's own memories, never in everyone's (issue 13). Text
-- queries name the `text` column, so a word never matches a profile's token.
ALTER TABLE memories ADD COLUMN profile_token TEXT GENERATED ALWAYS AS (replace(profile_id, '-', '')) VIRTUAL;

DROP TRIGGER memories_fts_insert;
DROP TRIGGER memories_fts_delete;
DROP TRIGGER memories_fts_update;
DROP TABLE memories_fts;

CREATE VIRTUAL TABLE memories_fts USING fts5(
    text,
    profile_token,
    content = 'memories',
    content_rowid = 'key',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO memories_fts (memories_fts) VALUES ('rebuild');

CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
    INSERT INTO memories_fts (rowid, text, profile_token) VALUES (new.key, new.text, new.profile_token);
END;

CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, text, profile_token)
    VALUES ('delete', old.key, old.text, old.profile_token);
END;

CREATE TRIGGER memories_fts_update AFTER UPDATE OF text ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, text, profile_token)
    VALUES ('delete', old.key, old.text, old.profile_token);
    INSERT INTO memories_fts (rowid, text, profile_token) VALUES (new.key, new.text, new.profile_token);
END;

-- Deleting means deleted: the full-text indexes drop a deleted row's words at once instead of leaving
-- them in old segments until a merge (FTS5 `secure-delete`, kept in the index's config), and the
-- messages' index is merged once to drop what earlier deletes left.
INSERT INTO memories_fts (memories_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO messages_fts (messages_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO messages_fts (messages_fts) VALUES ('optimize');
