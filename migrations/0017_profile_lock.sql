-- The optional profile lock (ADR 0016): the PIN as an Argon2id PHC string (NULL: no lock), the wrong
-- PINs given in a row, and (after too many) the time before which no PIN is checked.
ALTER TABLE profiles ADD COLUMN pin_hash TEXT;
ALTER TABLE profiles ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0 CHECK (pin_failures >= 0);
ALTER TABLE profiles ADD COLUMN pin_retry_at TEXT;
