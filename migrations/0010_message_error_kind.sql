-- A failed reply's error is stored as the provider error (`{kind, providerId, status, detail}`, JSON) so the
-- UI can word it in the person's language (ADR 0008). Errors saved before were English sentences: they
-- become a server error that keeps the old sentence as its detail.
UPDATE messages
SET error = json_object('kind', 'server', 'providerId', '', 'status', json('null'), 'detail', error)
WHERE error IS NOT NULL AND json_valid(error) = 0;
