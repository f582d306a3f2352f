import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { applyMigrations, loadMigrations } from '../../../../main/store/migrations.js';
import { SqliteRunStore } from '../../../../main/store/sqliteRunStore.js';
import { surfaceConfig, tempDbDir } from './testDb.js';

const migrations = loadMigrations();
const seriesMigration = migrations.find((m) => m.name === 'metric_series')!;

/**
 * A database as the app left it before the series layout: points in `metrics` (one row each, key text
 * repeated), written through the SQL of that layout, with a NaN, a step recorded twice, two runs and
 * epoch metrics, and its 16-step buckets.
 */
function oldLayoutDatabase(dbPath: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(dbPath);
  db.pragma('foreign_keys = ON');
  applyMigrations(
    db,
    migrations.filter((m) => m.version < seriesMigration.version),
  );
  const config = JSON.stringify(surfaceConfig());
  const run = db.prepare(`INSERT INTO runs (name, status, config, seed, created_at, tags, notes) VALUES (?, 'completed', ?, 7, '2026-01-01', '[]', '')`);
  const first = Number(run.run('first', config).lastInsertRowid);
  const second = Number(run.run('second', config).lastInsertRowid);
  const insert = db.prepare('INSERT INTO metrics (run_id, key, step, epoch, value, time) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let step = 1; step <= 100; step++) insert.run(first, 'train/loss_step', step, 0, step === 37 ? 9 : 1 / step, step * 0.1);
    insert.run(first, 'train/loss_step', 50, 0, null, 5.05); // a NaN, recorded again at step 50
    insert.run(first, 'train/loss_step', 50, 0, -2, 5.06); // and a third time: order of insertion kept
    for (let epoch = 1; epoch <= 2; epoch++) insert.run(first, 'test/accuracy', epoch * 50, epoch, 0.5 + epoch / 10, epoch);
    for (let step = 1; step <= 40; step++) insert.run(second, 'train/loss_step', step, 0, 2 - step / 40, step);
  })();
  // Migration 007's buckets, computed as that migration does (the app kept them so at ingest).
  db.exec(`DELETE FROM metric_buckets;
    INSERT INTO metric_buckets (run_id, key, bucket, lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time)
    SELECT lo.run_id, lo.key, lo.bucket, lo.step, lo.epoch, lo.value, lo.time, hi.step, hi.epoch, hi.value, hi.time
    FROM (SELECT run_id, key, step / 16 AS bucket, step, epoch, min(value) AS value, time FROM metrics WHERE value IS NOT NULL GROUP BY run_id, key, step / 16) AS lo
    JOIN (SELECT run_id, key, step / 16 AS bucket, step, epoch, max(value) AS value, time FROM metrics WHERE value IS NOT NULL GROUP BY run_id, key, step / 16) AS hi
    USING (run_id, key, bucket);`);
  return db;
}

type Row = [number, string, number, number, number | null, number];
type Bucket = [number, string, number, number, number, number, number];

describe('migration 014: metric points stored per series', () => {
  let tmp: ReturnType<typeof tempDbDir>;
  beforeEach(() => (tmp = tempDbDir()));
  afterEach(() => tmp.remove());

  test('every point, its order within a step and the buckets survive; the store reads them as before', () => {
    const db = oldLayoutDatabase(tmp.dbPath);
    const before = db.prepare('SELECT run_id, key, step, epoch, value, time FROM metrics ORDER BY run_id, key, step, rowid').raw(true).all() as Row[];
    const bucketsBefore = db.prepare('SELECT run_id, key, bucket, lo_step, lo_value, hi_step, hi_value FROM metric_buckets ORDER BY run_id, key, bucket').raw(true).all() as Bucket[];
    assert.equal(before.length, 144);
    applyMigrations(db, migrations);

    const after = db
      .prepare('SELECT s.run_id, s.key, p.step, p.epoch, p.value, p.time FROM metric_points AS p JOIN metric_series AS s ON s.id = p.series_id ORDER BY s.run_id, s.key, p.step, p.seq')
      .raw(true)
      .all() as Row[];
    assert.deepEqual(after, before, 'the same points, a repeated step in the order it was stored');
    const bucketsAfter = db
      .prepare('SELECT s.run_id, s.key, b.bucket, b.lo_step, b.lo_value, b.hi_step, b.hi_value FROM metric_buckets AS b JOIN metric_series AS s ON s.id = b.series_id ORDER BY s.run_id, s.key, b.bucket')
      .raw(true)
      .all() as Bucket[];
    assert.deepEqual(bucketsAfter, bucketsBefore);
    assert.deepEqual(db.prepare('SELECT count(*) FROM metric_series').pluck().get(), 3);
    assert.ok(!(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]).some((t) => t === 'metrics' || t === 'metric_buckets_by_key'));
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();

    const store = SqliteRunStore.open(tmp.dbPath);
    try {
      assert.deepEqual(store.metricKeys(1), ['test/accuracy', 'train/loss_step']);
      const [loss] = store.getMetrics(1, { keys: ['train/loss_step'] });
      assert.equal(loss.points.length, 102);
      assert.deepEqual(
        loss.points.filter((p) => p.step === 50).map((p) => p.value),
        [1 / 50, Number.NaN, -2],
      );
      // New points after the migrated ones, and a step recorded again, keep their order.
      store.appendMetrics(1, [
        { key: 'train/loss_step', step: 50, epoch: 0, value: 7, time: 9 },
        { key: 'train/loss_step', step: 101, epoch: 0, value: 0.5, time: 10 },
      ]);
      const [again] = store.getMetrics(1, { keys: ['train/loss_step'] });
      assert.deepEqual(
        again.points.filter((p) => p.step === 50).map((p) => p.value),
        [1 / 50, Number.NaN, -2, 7],
      );
      assert.equal(again.points.at(-1)!.step, 101);
      // The spike at step 37 is in the columns read from the migrated buckets.
      const [columns] = store.getMetrics(1, { keys: ['train/loss_step'], columns: 4 });
      assert.ok(columns.points.some((p) => p.step === 37 && p.value === 9));
      // Deleting a run takes its series, points and buckets with it.
      assert.ok(store.deleteRun(2));
      assert.deepEqual(store.metricKeys(2), []);
    } finally {
      store.close();
    }
    const check = new BetterSqlite3(tmp.dbPath, { readonly: true });
    try {
      assert.equal(check.prepare('SELECT count(*) FROM metric_points WHERE series_id NOT IN (SELECT id FROM metric_series)').pluck().get(), 0);
      assert.equal(check.prepare('SELECT count(*) FROM metric_buckets WHERE series_id NOT IN (SELECT id FROM metric_series WHERE run_id = 1)').pluck().get(), 0);
    } finally {
      check.close();
    }
  });
});
