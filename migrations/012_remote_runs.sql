-- Runs trained elsewhere (a Slurm job array's task, or `optlab run --report-to` on another machine)
-- report to the app over HTTP, each with a token of its own. Only the token's SHA-256 is kept; it is
-- revoked (revoked_at set) when the run ends, and a new one replaces it when the run is resubmitted.
CREATE TABLE run_tokens (
  run_id     INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  token_hash TEXT    NOT NULL UNIQUE,
  issued_at  TEXT    NOT NULL,
  revoked_at TEXT
);

-- Where a run was submitted on a cluster: the profile, the Slurm job (array job id and task index),
-- the folder its task files are in, and the scheduler's last state and reason.
CREATE TABLE run_cluster_jobs (
  run_id       INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  profile      TEXT    NOT NULL,
  job_id       TEXT    NOT NULL,
  task_index   INTEGER NOT NULL,
  job_dir      TEXT    NOT NULL,
  state        TEXT,
  reason       TEXT,
  submitted_at TEXT    NOT NULL
);
