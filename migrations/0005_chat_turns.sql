-- Chat turns (SPEC §2, ADR 0005): the model providers a profile set up, its helpline region, and the
-- typed safety signal and activity summary a message can carry.

-- The fallback chain, in `position` order. The API key is never here: it lives in the OS keychain under
-- the provider's id; `has_key` only says whether one was saved.
CREATE TABLE chat_providers (
    id         TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('openAiCompatible', 'anthropic')),
    base_url   TEXT NOT NULL,
    model      TEXT NOT NULL,
    timeout_ms INTEGER NOT NULL CHECK (timeout_ms BETWEEN 100 AND 600000),
    has_key    INTEGER NOT NULL DEFAULT 0 CHECK (has_key IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX chat_providers_profile_position ON chat_providers (profile_id, position);

CREATE TABLE chat_settings (
    profile_id      TEXT PRIMARY KEY NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    -- ISO 3166 alpha-2 ("US", "GB", ...); empty: the US and UK lines and the international directory.
    helpline_region TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL
);

-- The crisis detector's signal on a user message (the core's `CrisisSignal`).
ALTER TABLE messages ADD COLUMN safety TEXT CHECK (safety IS NULL OR json_valid(safety));
-- What an activity that ended did (the core's `ActivitySummary`), on a `system_summary` message.
ALTER TABLE messages ADD COLUMN summary TEXT CHECK (summary IS NULL OR json_valid(summary));
