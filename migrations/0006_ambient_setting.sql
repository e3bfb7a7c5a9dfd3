-- The ambient bed of breathing sessions (SPEC §4-5), per profile: whether it plays, and which one.
-- It plays at the profile's `ambient_volume` and is silenced by `muted`, like every session sound.
ALTER TABLE settings ADD COLUMN ambient_on INTEGER NOT NULL DEFAULT 0 CHECK (ambient_on IN (0, 1));
ALTER TABLE settings ADD COLUMN ambient_sound TEXT NOT NULL DEFAULT 'ocean'
    CHECK (ambient_sound IN ('ocean', 'pink', 'brown'));
