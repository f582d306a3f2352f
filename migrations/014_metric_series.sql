-- Metric points keyed by series: each (run, key) is one row of metric_series, and its points are stored
-- in one clustered b-tree ordered by (series, step) without a rowid or a second index, so the key text
-- is stored once per series instead of twice per point (row and covering index of migration 004), a
-- series is one contiguous range of the table, and its keys, bounds and buckets are read by its id.
-- Measured (docs/perf.md; bench/storeIngest.ts, bench/storeLayouts.ts): 106.9 → 37.1 bytes per point, buckets included.

CREATE TABLE metric_series (
  id     INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key    TEXT    NOT NULL,
  UNIQUE (run_id, key)
);

INSERT INTO metric_series (run_id, key) SELECT run_id, key FROM metrics GROUP BY run_id, key ORDER BY run_id, key;

-- One row per recorded value, as in 001: epoch is 1-based for epoch metrics and 0 for step metrics,
-- time is seconds since the run started, a NULL value stands for NaN. seq orders the points a series
-- recorded at one step (0 for the first), as the rowid did.
CREATE TABLE metric_points (
  series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
  step      INTEGER NOT NULL,
  seq       INTEGER NOT NULL,
  epoch     INTEGER NOT NULL,
  value     REAL,
  time      REAL    NOT NULL,
  PRIMARY KEY (series_id, step, seq)
) WITHOUT ROWID;

INSERT INTO metric_points (series_id, step, seq, epoch, value, time)
SELECT s.id, m.step, row_number() OVER (PARTITION BY m.run_id, m.key, m.step ORDER BY m.rowid) - 1, m.epoch, m.value, m.time
FROM metrics AS m JOIN metric_series AS s ON s.run_id = m.run_id AND s.key = m.key;

DROP TABLE metrics;

-- The 16-step buckets of migration 007, now per series: the same rows, keyed by the series' id.
ALTER TABLE metric_buckets RENAME TO metric_buckets_by_key;

CREATE TABLE metric_buckets (
  series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
  bucket    INTEGER NOT NULL,
  lo_step   INTEGER NOT NULL,
  lo_epoch  INTEGER NOT NULL,
  lo_value  REAL    NOT NULL,
  lo_time   REAL    NOT NULL,
  hi_step   INTEGER NOT NULL,
  hi_epoch  INTEGER NOT NULL,
  hi_value  REAL    NOT NULL,
  hi_time   REAL    NOT NULL,
  PRIMARY KEY (series_id, bucket)
) WITHOUT ROWID;

INSERT INTO metric_buckets (series_id, bucket, lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time)
SELECT s.id, b.bucket, b.lo_step, b.lo_epoch, b.lo_value, b.lo_time, b.hi_step, b.hi_epoch, b.hi_value, b.hi_time
FROM metric_buckets_by_key AS b JOIN metric_series AS s ON s.run_id = b.run_id AND s.key = b.key;

DROP TABLE metric_buckets_by_key;
