-- The runs table is read one page at a time, filtered and sorted in SQL. Each run keeps the short
-- descriptions the table shows of its dataset, model and optimizer (written by the app when the run
-- is created, and filled in by the app for runs that have none, such as those stored before this
-- version), so pages are read, filtered and sorted without parsing configs.
ALTER TABLE runs ADD COLUMN dataset_label TEXT;
ALTER TABLE runs ADD COLUMN model_label TEXT;
ALTER TABLE runs ADD COLUMN optimizer_label TEXT;

CREATE INDEX runs_by_name ON runs (name COLLATE NOCASE);
CREATE INDEX runs_by_created ON runs (created_at);
CREATE INDEX runs_by_dataset_label ON runs (dataset_label COLLATE NOCASE);
CREATE INDEX runs_by_model_label ON runs (model_label COLLATE NOCASE);
CREATE INDEX runs_by_optimizer_label ON runs (optimizer_label COLLATE NOCASE);
CREATE INDEX runs_by_dataset_kind ON runs (json_extract(config, '$.dataset.kind'));
CREATE INDEX runs_by_model_kind ON runs (json_extract(config, '$.model.kind'));
CREATE INDEX runs_by_optimizer_type ON runs (json_extract(config, '$.optimizer.type'));

-- Sorting and filtering by an epoch metric's latest value.
CREATE INDEX latest_epoch_metrics_by_key_value ON latest_epoch_metrics (key, value);
