-- Profiles, their settings and onboarding answers, and which profile is active.
CREATE TABLE profiles (
    id           TEXT PRIMARY KEY NOT NULL,
    display_name TEXT NOT NULL CHECK (length(trim(display_name)) BETWEEN 1 AND 100),
    created_at   TEXT NOT NULL
);

CREATE TABLE settings (
    profile_id     TEXT PRIMARY KEY NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    theme          TEXT NOT NULL DEFAULT 'system' CHECK (theme IN ('light', 'system', 'dark')),
    locale         TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'es')),
    cue_volume     INTEGER NOT NULL DEFAULT 70 CHECK (cue_volume BETWEEN 0 AND 100),
    ambient_volume INTEGER NOT NULL DEFAULT 50 CHECK (ambient_volume BETWEEN 0 AND 100),
    muted          INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1)),
    updated_at     TEXT NOT NULL
);

-- The 8 onboarding questions and the breathing contraindications, as one JSON document
-- (the shape is `OnboardingAnswers` in the core).
CREATE TABLE onboarding (
    profile_id TEXT PRIMARY KEY NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    answers    TEXT NOT NULL CHECK (json_valid(answers)),
    updated_at TEXT NOT NULL
);

-- One row: the profile the app opens with.
CREATE TABLE app_state (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    active_profile_id TEXT REFERENCES profiles(id) ON DELETE SET NULL
);
INSERT INTO app_state (id, active_profile_id) VALUES (1, NULL);
