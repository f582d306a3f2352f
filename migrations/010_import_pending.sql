-- An experiment being imported, and its runs, stay hidden (import_pending = 1) while its metric points
-- are stored a chunk per transaction; the last transaction shows them all at once. Rows a stopped
-- process left hidden are deleted at start-up.
ALTER TABLE experiments ADD COLUMN import_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN import_pending INTEGER NOT NULL DEFAULT 0;
