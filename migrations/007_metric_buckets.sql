-- The lowest and highest value of every 16 steps of each series (with the step, epoch and time of
-- the point holding it), kept up to date as points are stored. Reads of long series for charts
-- start from these rows instead of every point, so comparing many long runs stays fast.
CREATE TABLE metric_buckets (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  lo_step INTEGER NOT NULL,
  lo_epoch INTEGER NOT NULL,
  lo_value REAL NOT NULL,
  lo_time REAL NOT NULL,
  hi_step INTEGER NOT NULL,
  hi_epoch INTEGER NOT NULL,
  hi_value REAL NOT NULL,
  hi_time REAL NOT NULL,
  PRIMARY KEY (run_id, key, bucket)
) WITHOUT ROWID;

-- Bare columns next to a single min()/max() come from the row holding that extreme (SQLite).
INSERT INTO metric_buckets (run_id, key, bucket, lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time)
SELECT lo.run_id, lo.key, lo.bucket, lo.step, lo.epoch, lo.value, lo.time, hi.step, hi.epoch, hi.value, hi.time
FROM (SELECT run_id, key, step / 16 AS bucket, step, epoch, min(value) AS value, time FROM metrics WHERE value IS NOT NULL GROUP BY run_id, key, step / 16) AS lo
JOIN (SELECT run_id, key, step / 16 AS bucket, step, epoch, max(value) AS value, time FROM metrics WHERE value IS NOT NULL GROUP BY run_id, key, step / 16) AS hi
  USING (run_id, key, bucket);
