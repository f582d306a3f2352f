-- Experiments (a base config, a sweep and trials, expanded into runs), and tags and notes on runs.

CREATE TABLE experiments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT    NOT NULL,
  -- The experiment config as the user gave it (shared/experiments/experimentConfig.ts).
  config     TEXT    NOT NULL CHECK (json_valid(config)),
  notes      TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL
);

-- A run of an experiment belongs to one setting (one point of the sweep, numbered from 0) and is one
-- trial (seed) of it; `setting` holds the swept fields' values by dotted path.
ALTER TABLE runs ADD COLUMN experiment_id INTEGER REFERENCES experiments (id) ON DELETE SET NULL;
ALTER TABLE runs ADD COLUMN setting_index INTEGER;
ALTER TABLE runs ADD COLUMN setting TEXT CHECK (setting IS NULL OR json_valid(setting));
ALTER TABLE runs ADD COLUMN trial INTEGER;
ALTER TABLE runs ADD COLUMN tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags));
ALTER TABLE runs ADD COLUMN notes TEXT NOT NULL DEFAULT '';

CREATE INDEX runs_by_experiment ON runs (experiment_id, setting_index);
