import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseTooNewError, applyMigrations, loadMigrations, schemaVersion } from '../../../../main/store/migrations.js';
import { openDatabase } from '../../../../main/store/openDatabase.js';
import { tempDbDir } from './testDb.js';

function tableNames(db: BetterSqlite3.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
}

/** Runs `check` on `db`, then closes it (also when `check` throws). */
function closingAfter(db: BetterSqlite3.Database, check: (db: BetterSqlite3.Database) => void): void {
  try {
    check(db);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  let tmp: ReturnType<typeof tempDbDir>;
  beforeEach(() => (tmp = tempDbDir()));
  afterEach(() => tmp.remove());

  test('the repository migrations are numbered from 1 without gaps', () => {
    const migrations = loadMigrations();
    assert.ok(migrations.length >= 1);
    assert.deepEqual(
      migrations.map((m) => m.version),
      migrations.map((_, i) => i + 1),
    );
    assert.equal(migrations[0].name, 'initial');
  });

  test('an empty database is brought to the latest version with WAL and foreign keys on', () => {
    const latest = loadMigrations().at(-1)!.version;
    closingAfter(openDatabase(tmp.dbPath), (db) => {
      assert.equal(schemaVersion(db), latest);
      for (const table of ['latest_epoch_metrics', 'metric_series', 'metric_points', 'metric_buckets', 'runs', 'experiments']) assert.ok(tableNames(db).includes(table), `table ${table} exists`);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.ok((db.pragma('busy_timeout', { simple: true }) as number) > 0);
    });
  });

  test('opening a database at the current version applies nothing and changes nothing', () => {
    const first = openDatabase(tmp.dbPath);
    first.prepare(`INSERT INTO runs (name, status, config, seed, created_at) VALUES ('a', 'queued', '{}', 1, 'now')`).run();
    const schemaBefore = first.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    first.close();

    const again = new BetterSqlite3(tmp.dbPath);
    assert.deepEqual(applyMigrations(again, loadMigrations()), []);
    again.close();

    closingAfter(openDatabase(tmp.dbPath), (reopened) => {
      assert.deepEqual(reopened.prepare('SELECT sql FROM sqlite_master ORDER BY name').all(), schemaBefore);
      assert.equal((reopened.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n, 1);
    });
  });

  test('only pending migrations are applied, in order, and the version is recorded', () => {
    closingAfter(new BetterSqlite3(tmp.dbPath), (db) => {
      const migrations = [
        { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER);' },
        { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y TEXT;' },
      ];
      assert.deepEqual(applyMigrations(db, migrations.slice(0, 1)), [1]);
      assert.equal(schemaVersion(db), 1);
      assert.deepEqual(applyMigrations(db, migrations), [2]);
      assert.equal(schemaVersion(db), 2);
      assert.deepEqual((db.prepare('PRAGMA table_info(a)').all() as { name: string }[]).map((c) => c.name), ['x', 'y']);
    });
  });

  test('a failing migration leaves the database as it was', () => {
    closingAfter(new BetterSqlite3(tmp.dbPath), (db) => {
      const migrations = [
        { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER);' },
        { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL;' },
      ];
      assert.throws(() => applyMigrations(db, migrations), /Migration 2_broken failed/);
      assert.equal(schemaVersion(db), 0);
      assert.deepEqual(tableNames(db), []);
    });
  });

  test('a database newer than the app is refused with a clear error and left untouched', () => {
    const future = new BetterSqlite3(tmp.dbPath);
    future.pragma('user_version = 999');
    future.close();

    assert.throws(
      () => openDatabase(tmp.dbPath),
      (error: unknown) =>
        error instanceof DatabaseTooNewError && error.dbVersion === 999 && /newer version of the app/.test(error.message) && error.message.includes(tmp.dbPath),
    );
    closingAfter(new BetterSqlite3(tmp.dbPath), (check) => {
      assert.equal(schemaVersion(check), 999);
      assert.deepEqual(tableNames(check), []);
    });
  });

  test('migration files with a gap in their numbers are refused', () => {
    const dir = path.join(tmp.dir, 'migrations');
    mkdirSync(dir);
    writeFileSync(path.join(dir, '001_one.sql'), 'SELECT 1;');
    writeFileSync(path.join(dir, '003_three.sql'), 'SELECT 1;');
    writeFileSync(path.join(dir, 'README.md'), 'not a migration');
    assert.throws(() => loadMigrations(dir), /without gaps/);
  });
});
