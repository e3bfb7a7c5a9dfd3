-- What an online chat model may receive (issue 13 item 5, ADR 0017). Per profile: whether recalled
-- memories and what the person said about themselves (onboarding answers, the wellness profile, what
-- helped) go into prompts sent to a provider that is not on this device or its local network; both off
-- until the person turns them on. Per provider: when the person allowed that online provider after seeing
-- what it receives (NULL: not yet, or its address changed since; a local provider needs no allowance).
ALTER TABLE settings ADD COLUMN remote_memories INTEGER NOT NULL DEFAULT 0 CHECK (remote_memories IN (0, 1));
ALTER TABLE settings ADD COLUMN remote_about_you INTEGER NOT NULL DEFAULT 0 CHECK (remote_about_you IN (0, 1));
ALTER TABLE chat_providers ADD COLUMN remote_allowed_at TEXT;
