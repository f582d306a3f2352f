import type { Database } from 'better-sqlite3';
import type { RunViewRow, RunViewStore } from './runViewStore.js';

interface Row {
  name: string;
  view: string;
  created_at: string;
  updated_at: string;
}

const toRow = (row: Row): RunViewRow => ({ name: row.name, content: row.view, createdAt: row.created_at, updatedAt: row.updated_at });

/** Saved views in the `run_views` table (migration 015; `name` is unique with NOCASE). */
export class SqliteRunViewStore implements RunViewStore {
  constructor(private readonly db: Database) {}

  list(): RunViewRow[] {
    return (this.db.prepare(`SELECT name, view, created_at, updated_at FROM run_views ORDER BY name COLLATE NOCASE, name`).all() as Row[]).map(toRow);
  }

  get(name: string): RunViewRow | undefined {
    const row = this.db.prepare(`SELECT name, view, created_at, updated_at FROM run_views WHERE name = ?`).get(name) as Row | undefined;
    return row && toRow(row);
  }

  insert(name: string, content: string, at: string): void {
    this.db.prepare(`INSERT INTO run_views (name, view, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(name, content, at, at);
  }

  replace(name: string, content: string, at: string): void {
    this.db.prepare(`UPDATE run_views SET name = ?, view = ?, updated_at = ? WHERE name = ?`).run(name, content, at, name);
  }

  rename(name: string, to: string, at: string): boolean {
    return this.db.prepare(`UPDATE run_views SET name = ?, updated_at = ? WHERE name = ?`).run(to, at, name).changes > 0;
  }

  delete(name: string): boolean {
    return this.db.prepare(`DELETE FROM run_views WHERE name = ?`).run(name).changes > 0;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }
}
