-- Saved views of the runs table (custom columns, search words, filter, group-by field, order), kept
-- in the database so every window and browser of it sees them. A name is unique whatever its case;
-- `view` is the view's JSON (shared/runs/runView.ts), checked when written and when read.
CREATE TABLE run_views (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  view       TEXT    NOT NULL,
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
);
