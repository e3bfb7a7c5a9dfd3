-- The semantic crisis classifier's score (1 - p(none), 0-1) on a user message, for the conversation layer
-- of the crisis detector (ADR 0007): signals spread over the last few messages. NULL when the embedding
-- model was unavailable, and on every other message.
ALTER TABLE messages ADD COLUMN crisis_score REAL CHECK (crisis_score IS NULL OR (crisis_score >= 0 AND crisis_score <= 1));

-- Signals saved before the layers existed were all the patterns' (migration 0005's `{category, rule}`).
UPDATE messages SET safety = json_set(safety, '$.layer', 'pattern', '$.score', json('null'))
WHERE safety IS NOT NULL AND json_extract(safety, '$.layer') IS NULL;
