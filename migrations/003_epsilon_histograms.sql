-- ε histograms of adaptive optimizers (seed 003): one capture per run and step, one row per
-- parameter tensor with its exact statistics and its non-empty log10 bins; and the ε sweeps created
-- from a run's search range, linking the runs they created (the heatmaps read these links).

CREATE TABLE epsilon_captures (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch       INTEGER NOT NULL,
  step        INTEGER NOT NULL,
  end_of_epoch INTEGER NOT NULL,
  optimizer   TEXT    NOT NULL,
  -- { minExponent, maxExponent, binsPerDecade } (shared/science/epsilon/logBins.ts)
  bin_spec    TEXT    NOT NULL CHECK (json_valid(bin_spec)),
  seconds     REAL    NOT NULL
);

CREATE INDEX epsilon_captures_by_run ON epsilon_captures (run_id, step);

-- Percentiles, min and max are of the non-zero elements (NULL when all are zero); bins is a JSON
-- array of [bin index, count] pairs, non-empty bins only.
CREATE TABLE epsilon_layer_histograms (
  capture_id   INTEGER NOT NULL REFERENCES epsilon_captures (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  layer        TEXT    NOT NULL,
  count        INTEGER NOT NULL,
  zero_count   INTEGER NOT NULL,
  nan_count    INTEGER NOT NULL,
  below_count  INTEGER NOT NULL,
  above_count  INTEGER NOT NULL,
  min          REAL,
  max          REAL,
  p2           REAL,
  p50          REAL,
  p98          REAL,
  eps          REAL,
  fraction_above_eps REAL,
  bins         TEXT    NOT NULL CHECK (json_valid(bins)),
  PRIMARY KEY (capture_id, position)
) WITHOUT ROWID;

CREATE TABLE epsilon_sweeps (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  source_run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  -- the request as given (shared/science/epsilon/epsilonSweep.ts) and the search range it used
  request       TEXT    NOT NULL CHECK (json_valid(request)),
  range         TEXT             CHECK (range IS NULL OR json_valid(range)),
  created_at    TEXT    NOT NULL
);

CREATE TABLE epsilon_sweep_runs (
  sweep_id INTEGER NOT NULL REFERENCES epsilon_sweeps (id) ON DELETE CASCADE,
  run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  eps      REAL    NOT NULL,
  lr       REAL    NOT NULL,
  beta2    REAL,
  PRIMARY KEY (sweep_id, run_id)
) WITHOUT ROWID;

CREATE INDEX epsilon_sweep_runs_by_run ON epsilon_sweep_runs (run_id);
