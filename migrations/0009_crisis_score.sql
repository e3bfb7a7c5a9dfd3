-- The semantic crisis classifier's score (1 - p(none), 0-1) on a user message, for the conversation layer
-- of the crisis detector (ADR 0007): signals spread over the last few messages. NULL when the embedding
-- model was unavailable, and on every other message.
ALTER TABLE messages ADD COLUMN crisis_score REAL CHECK (crisis_score IS NULL OR (crisis_score >= 0 AND crisis_score <= 1));
