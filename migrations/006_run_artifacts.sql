-- Documents a run produces besides its metric series, one per run and name (e.g. the last epoch's
-- confusion matrix of a classification run), as JSON.

CREATE TABLE run_artifacts (
  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name       TEXT    NOT NULL,
  content    TEXT    NOT NULL CHECK (json_valid(content)),
  created_at TEXT    NOT NULL,
  PRIMARY KEY (run_id, name)
);
