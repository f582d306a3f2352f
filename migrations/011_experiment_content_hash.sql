-- The SHA-256 of an imported experiment file's content (its experiment and runs, not the time it was
-- exported), so that importing the same file again is recognised and the user asked.
ALTER TABLE experiments ADD COLUMN content_hash TEXT;
CREATE INDEX experiments_by_content_hash ON experiments (content_hash) WHERE content_hash IS NOT NULL;
