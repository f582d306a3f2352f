/**
 * A row of the `runs` table as `SELECT *` reads it (the columns the stores read; the runs list's
 * description and search columns of migrations 008–009 are read by `sqliteRunList.ts`). JSON
 * columns (`config`, `backend`, `progress`, `setting`, `tags`, `checkpoint`) are text.
 */
export interface RunRow {
  id: number;
  name: string;
  status: string;
  config: string;
  seed: number;
  backend: string | null;
  progress: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  experiment_id: number | null;
  setting_index: number | null;
  setting: string | null;
  trial: number | null;
  tags: string;
  notes: string;
  checkpoint: string | null;
}
