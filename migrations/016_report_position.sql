-- How many of a token's report messages the app has stored. A run whose cluster task is still going
-- when the app stops keeps its token (only its hash is stored); the restarted app reattaches the run
-- and takes its reports from this position, so nothing the task sends is lost or stored twice.
ALTER TABLE run_tokens ADD COLUMN received INTEGER NOT NULL DEFAULT 0;
