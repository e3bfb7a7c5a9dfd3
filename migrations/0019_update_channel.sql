-- Which release channel the desktop app follows for updates (issue 14, ADR 0019): one choice for the
-- whole app, not per profile, since there is one installed app. Stable until the person picks beta.
ALTER TABLE app_state ADD COLUMN update_channel TEXT NOT NULL DEFAULT 'stable'
    CHECK (update_channel IN ('stable', 'beta'));
