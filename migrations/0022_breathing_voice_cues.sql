-- Breathing cues spoken and breathed (SPEC §4, issue 10 item 7): per profile, whether the local
-- voice speaks each phase ("breathe in", "hold", ...) and whether soft inhale and exhale sounds
-- shaped to each phase are heard, each on its own layer with its own volume. Both off until the
-- person turns them on.
ALTER TABLE settings ADD COLUMN voice_cues_on INTEGER NOT NULL DEFAULT 0 CHECK (voice_cues_on IN (0, 1));
ALTER TABLE settings ADD COLUMN voice_cue_volume INTEGER NOT NULL DEFAULT 80
    CHECK (voice_cue_volume BETWEEN 0 AND 100);
ALTER TABLE settings ADD COLUMN breath_sounds_on INTEGER NOT NULL DEFAULT 0 CHECK (breath_sounds_on IN (0, 1));
ALTER TABLE settings ADD COLUMN breath_volume INTEGER NOT NULL DEFAULT 50
    CHECK (breath_volume BETWEEN 0 AND 100);
