import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { applyMigrations, loadMigrations, type Migration } from './migrations.js';

export interface OpenDatabaseOptions {
  /** The schema changes to apply; the repository's `migrations/` folder by default. */
  migrations?: readonly Migration[];
  /** How long a statement waits for a lock held by another connection, in ms. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating it and its folder if needed) the app's SQLite database: WAL journal, foreign keys
 * enforced, a busy timeout, and every pending migration applied. Throws `DatabaseTooNewError` for a
 * database written by a newer app.
 */
export function openDatabase(dbPath: string, options: OpenDatabaseOptions = {}): Database {
  if (dbPath !== ':memory:') mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new BetterSqlite3(dbPath);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, options.migrations ?? loadMigrations());
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
