-- Runs and their metric points.
-- Timestamps are ISO 8601 strings (UTC); JSON columns hold what the app's zod schemas describe.

CREATE TABLE runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  config      TEXT    NOT NULL CHECK (json_valid(config)),
  seed        INTEGER NOT NULL,
  backend     TEXT             CHECK (backend IS NULL OR json_valid(backend)),
  progress    TEXT             CHECK (progress IS NULL OR json_valid(progress)),
  error       TEXT,
  created_at  TEXT    NOT NULL,
  started_at  TEXT,
  finished_at TEXT
);

CREATE INDEX runs_by_status ON runs (status);

-- One row per recorded value. epoch is 1-based for epoch metrics and 0 for step metrics;
-- time is seconds since the run started. A NULL value stands for NaN.
CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key    TEXT    NOT NULL,
  step   INTEGER NOT NULL,
  epoch  INTEGER NOT NULL,
  value  REAL,
  time   REAL    NOT NULL
);

CREATE INDEX metrics_by_run_key_step ON metrics (run_id, key, step);

-- The latest value of each epoch metric of a run, kept up to date as points arrive,
-- so the runs table does not scan every step point.
CREATE TABLE latest_epoch_metrics (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key    TEXT    NOT NULL,
  epoch  INTEGER NOT NULL,
  step   INTEGER NOT NULL,
  value  REAL,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
