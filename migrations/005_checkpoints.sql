-- A run's latest epoch checkpoint: { path, epoch, step } (JSON), NULL when it has none.
-- A run that stopped before finishing can resume from it.
ALTER TABLE runs ADD COLUMN checkpoint TEXT CHECK (checkpoint IS NULL OR json_valid(checkpoint));
