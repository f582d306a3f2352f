import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

/** One schema change: `migrations/NNN_name.sql` brings the database to version NNN. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The repository's `migrations/` folder. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

const migrationFileName = /^(\d+)_([\w-]+)\.sql$/;

/** Reads the numbered SQL files of a folder, in order; refuses gaps and duplicate numbers. */
export function loadMigrations(dir: string = defaultMigrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: migrationFileName.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2],
      sql: readFileSync(path.join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations in ${dir} must be numbered 1, 2, 3, … without gaps or duplicates; found ${migration.version} at position ${index + 1}`);
    }
  });
  return migrations;
}

/** The database was written by a newer Optimizer Lab than this one. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly dbVersion: number,
    readonly appVersion: number,
    readonly dbPath: string,
  ) {
    super(
      `The database ${dbPath} has schema version ${dbVersion}, but this Optimizer Lab knows versions up to ${appVersion}. ` +
        'It was written by a newer version of the app: update the app, or choose another database with --db or OPTLAB_DB.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the newest version: applies the pending migrations in order, all inside one
 * transaction (a failure leaves the database as it was), and records the version in `user_version`.
 * Returns the versions applied.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[]): number[] {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest, db.name);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];

  const migrate = db.transaction(() => {
    for (const migration of pending) {
      try {
        db.exec(migration.sql);
      } catch (error) {
        throw new Error(`Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    const violations = db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new Error(`Migrations left ${violations.length} foreign key violation(s)`);
    db.pragma(`user_version = ${latest}`);
  });
  migrate.exclusive();
  return pending.map((m) => m.version);
}
