import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteRunStore } from '../../../../main/store/sqliteRunStore.js';
import type { MetricPoint } from '../../../../shared/runs/runTypes.js';
import { surfaceConfig, tempDbDir } from './testDb.js';

const backend = { backend: 'cpu', device: 'CPU', unavailable: ['tensorflow (not installed)'], versions: { 'tfjs-core': '4.22.0' } };

describe('SqliteRunStore', () => {
  let tmp: ReturnType<typeof tempDbDir>;
  let store: SqliteRunStore;
  let clock: number;
  beforeEach(() => {
    tmp = tempDbDir();
    clock = Date.parse('2026-01-02T03:04:05.000Z');
    store = SqliteRunStore.open(tmp.dbPath, { now: () => new Date(clock) });
  });
  afterEach(() => {
    store.close();
    tmp.remove();
  });

  test('a created run is queued, keeps its config and seed, and is named from its config', () => {
    const config = surfaceConfig();
    const run = store.createRun({ config });
    assert.equal(run.status, 'queued');
    assert.equal(run.seed, 7);
    assert.deepEqual(run.config, config);
    assert.equal(run.name, 'sgd · rosenbrock · point · seed 7');
    assert.equal(run.createdAt, '2026-01-02T03:04:05.000Z');
    assert.equal(run.startedAt, null);
    assert.equal(run.finishedAt, null);
    assert.equal(run.backend, null);
    assert.equal(run.progress, null);
    assert.equal(run.error, null);
    assert.deepEqual(run.lastMetrics, {});
    assert.deepEqual(store.getRun(run.id), run);

    const named = store.createRun({ config: surfaceConfig({ name: '  MAS λa=0.3 ' }) });
    assert.equal(named.name, 'MAS λa=0.3');
  });

  test('getRun of an unknown id is undefined; updating it throws', () => {
    assert.equal(store.getRun(42), undefined);
    assert.throws(() => store.updateRun(42, { status: 'running' }), /no run 42/);
  });

  test('lists runs newest first, optionally by status', () => {
    const a = store.createRun({ config: surfaceConfig() });
    const b = store.createRun({ config: surfaceConfig() });
    const c = store.createRun({ config: surfaceConfig() });
    store.updateRun(b.id, { status: 'running' });
    assert.deepEqual(
      store.listRuns().map((r) => r.id),
      [c.id, b.id, a.id],
    );
    assert.deepEqual(
      store.listRuns({ statuses: ['running'] }).map((r) => r.id),
      [b.id],
    );
    assert.deepEqual(store.listRuns({ statuses: [] }), []);
  });

  test('updates status, progress, backend, error and timestamps, leaving other fields alone', () => {
    const run = store.createRun({ config: surfaceConfig() });
    const progress = { epoch: 1, totalEpochs: 2, step: 10, totalSteps: 40, etaSeconds: 3.5 };
    const running = store.updateRun(run.id, { status: 'running', startedAt: '2026-01-02T03:04:06.000Z', backend, progress });
    assert.equal(running.status, 'running');
    assert.deepEqual(running.backend, backend);
    assert.deepEqual(running.progress, progress);
    assert.equal(running.startedAt, '2026-01-02T03:04:06.000Z');

    const failed = store.updateRun(run.id, { status: 'failed', error: 'exit code 1', finishedAt: '2026-01-02T03:05:00.000Z', progress: null });
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error, 'exit code 1');
    assert.equal(failed.progress, null);
    assert.deepEqual(failed.backend, backend);
    assert.equal(failed.startedAt, '2026-01-02T03:04:06.000Z');
    assert.deepEqual(store.updateRun(run.id, {}), failed);
  });

  test('appends metric batches and reads series by key, ordered by step', () => {
    const run = store.createRun({ config: surfaceConfig() });
    store.appendMetrics(run.id, [
      { key: 'train/loss_step', step: 2, epoch: 0, value: 0.5, time: 0.2 },
      { key: 'train/loss_step', step: 1, epoch: 0, value: 0.9, time: 0.1 },
      { key: 'train/lr', step: 1, epoch: 0, value: 0.01, time: 0.1 },
    ]);
    store.appendMetrics(run.id, [{ key: 'train/loss_step', step: 3, epoch: 0, value: 0.25, time: 0.3 }]);
    store.appendMetrics(run.id, []);

    assert.deepEqual(store.metricKeys(run.id), ['train/loss_step', 'train/lr']);
    const [loss] = store.getMetrics(run.id, { keys: ['train/loss_step'] });
    assert.equal(loss.key, 'train/loss_step');
    assert.deepEqual(
      loss.points.map((p) => [p.step, p.value]),
      [
        [1, 0.9],
        [2, 0.5],
        [3, 0.25],
      ],
    );
    assert.deepEqual(
      store.getMetrics(run.id).map((s) => [s.key, s.points.length]),
      [
        ['train/loss_step', 3],
        ['train/lr', 1],
      ],
    );
    assert.deepEqual(store.getMetrics(run.id, { keys: ['nope'] }), [{ key: 'nope', points: [] }]);
  });

  test('a batch is stored whole or not at all', () => {
    const run = store.createRun({ config: surfaceConfig() });
    const bad = [
      { key: 'train/loss_step', step: 1, epoch: 0, value: 1, time: 0 },
      { key: 'train/loss_step', step: 2, epoch: 0, value: 1, time: null as unknown as number },
    ];
    assert.throws(() => store.appendMetrics(run.id, bad));
    assert.deepEqual(store.metricKeys(run.id), []);
    assert.throws(() => store.appendMetrics(9999, [{ key: 'x', step: 0, epoch: 0, value: 1, time: 0 }]), /FOREIGN KEY/);
  });

  test('downsamples a long series on read, keeping its first and last points', () => {
    const run = store.createRun({ config: surfaceConfig() });
    const points: MetricPoint[] = Array.from({ length: 5000 }, (_, i) => ({ key: 'train/loss_step', step: i, epoch: 0, value: Math.sin(i / 50), time: i / 100 }));
    store.appendMetrics(run.id, points);
    const [series] = store.getMetrics(run.id, { keys: ['train/loss_step'], maxPoints: 200 });
    assert.equal(series.points.length, 200);
    assert.equal(series.points[0].step, 0);
    assert.equal(series.points.at(-1)!.step, 4999);
    const [all] = store.getMetrics(run.id, { keys: ['train/loss_step'], maxPoints: 0 });
    assert.equal(all.points.length, 5000);
    const [mild] = store.getMetrics(run.id, { keys: ['train/loss_step'], maxPoints: 2000 });
    assert.equal(mild.points.length, 2000);
  });

  test('a downsampled long series keeps its lone spike and dip and the values it had', () => {
    const run = store.createRun({ config: surfaceConfig() });
    const points: MetricPoint[] = Array.from({ length: 20_000 }, (_, i) => ({ key: 'train/loss_step', step: i + 1, epoch: 0, value: 1 + (i % 3) / 100, time: i }));
    points[12_345].value = 50;
    points[4_321].value = -7;
    store.appendMetrics(run.id, points);
    const [series] = store.getMetrics(run.id, { keys: ['train/loss_step'], maxPoints: 100 });
    assert.equal(series.points.length, 100);
    assert.deepEqual(series.points.find((p) => p.value === 50), { step: 12_346, epoch: 0, value: 50, time: 12_345 });
    assert.ok(series.points.some((p) => p.value === -7 && p.step === 4_322));
    assert.equal(series.points[0].step, 1);
    assert.equal(series.points.at(-1)!.step, 20_000);
    for (const p of series.points) assert.equal(p.value, points[p.step - 1].value, 'every kept point is a recorded one');
  });

  test('long series are read from their 16-step buckets, which follow discarded and re-recorded points', (t) => {
    const run = store.createRun({ config: surfaceConfig() });
    const points: MetricPoint[] = Array.from({ length: 20_000 }, (_, i) => ({ key: 'train/loss_step', step: i + 1, epoch: 0, value: 1, time: i }));
    points[12_345].value = 50;
    store.appendMetrics(run.id, points.slice(0, 10_000));
    store.appendMetrics(run.id, points.slice(10_000));
    const db = new BetterSqlite3(tmp.dbPath, { readonly: true });
    t.after(() => db.close());
    const buckets = (sql: string) => (db.prepare(sql).get(run.id) as { n: number }).n;
    assert.equal(buckets('SELECT count(*) AS n FROM metric_buckets WHERE series_id IN (SELECT id FROM metric_series WHERE run_id = ?)'), Math.floor(20_000 / 16) + 1);
    assert.equal(buckets('SELECT max(hi_value) AS n FROM metric_buckets WHERE series_id IN (SELECT id FROM metric_series WHERE run_id = ?)'), 50);

    // Resuming from a checkpoint at step 10,008 drops what came after; new values are recorded in its place.
    store.discardAfterStep(run.id, 10_008);
    assert.equal(buckets('SELECT max(hi_value) AS n FROM metric_buckets WHERE series_id IN (SELECT id FROM metric_series WHERE run_id = ?)'), 1);
    store.appendMetrics(run.id, points.slice(10_008).map((p) => ({ ...p, value: p.step === 15_000 ? -3 : 2 })));
    const [series] = store.getMetrics(run.id, { keys: ['train/loss_step'], maxPoints: 100 });
    assert.equal(series.points.length, 100);
    assert.ok(!series.points.some((p) => p.value === 50), 'the discarded spike is gone');
    assert.ok(series.points.some((p) => p.step === 15_000 && p.value === -3), 'the new dip is kept');
    assert.equal(series.points.at(-1)!.step, 20_000);
    assert.equal(series.points.at(-1)!.value, 2);
    const bucketOfCut = db.prepare('SELECT lo_value, hi_value FROM metric_buckets WHERE series_id IN (SELECT id FROM metric_series WHERE run_id = ?) AND bucket = ?').get(run.id, Math.floor(10_008 / 16));
    assert.deepEqual(bucketOfCut, { lo_value: 1, hi_value: 2 }, 'the bucket holding the cut has the old and the new points');
  });

  test('keeps the last value of each epoch metric for the runs table, ignoring step metrics', () => {
    const a = store.createRun({ config: surfaceConfig() });
    const b = store.createRun({ config: surfaceConfig() });
    store.appendMetrics(a.id, [
      { key: 'train/loss', step: 20, epoch: 1, value: 0.8, time: 1 },
      { key: 'test/accuracy', step: 20, epoch: 1, value: 0.5, time: 1 },
      { key: 'train/loss_step', step: 40, epoch: 0, value: 0.1, time: 2 },
    ]);
    store.appendMetrics(a.id, [
      { key: 'train/loss', step: 40, epoch: 2, value: 0.4, time: 2 },
      // An older point arriving late does not replace the latest one.
      { key: 'test/accuracy', step: 10, epoch: 1, value: 0.1, time: 0.5 },
    ]);
    store.appendMetrics(b.id, [{ key: 'train/loss', step: 20, epoch: 1, value: 2, time: 1 }]);

    assert.deepEqual(store.lastEpochMetrics(a.id), { 'train/loss': 0.4, 'test/accuracy': 0.5 });
    assert.deepEqual(store.getRun(a.id)!.lastMetrics, { 'train/loss': 0.4, 'test/accuracy': 0.5 });
    const listed = new Map(store.listRuns().map((r) => [r.id, r.lastMetrics]));
    assert.deepEqual(listed.get(a.id), { 'train/loss': 0.4, 'test/accuracy': 0.5 });
    assert.deepEqual(listed.get(b.id), { 'train/loss': 2 });
  });

  test('NaN and infinite values survive a round trip', () => {
    const run = store.createRun({ config: surfaceConfig() });
    store.appendMetrics(run.id, [
      { key: 'train/loss', step: 1, epoch: 1, value: Number.POSITIVE_INFINITY, time: 1 },
      { key: 'train/loss', step: 2, epoch: 2, value: Number.NaN, time: 2 },
    ]);
    const [series] = store.getMetrics(run.id);
    assert.equal(series.points[0].value, Number.POSITIVE_INFINITY);
    assert.ok(Number.isNaN(series.points[1].value));
    assert.ok(Number.isNaN(store.lastEpochMetrics(run.id)['train/loss']));
  });

  test('marks every running run interrupted, and only those', () => {
    const queued = store.createRun({ config: surfaceConfig() });
    const running1 = store.createRun({ config: surfaceConfig() });
    const running2 = store.createRun({ config: surfaceConfig() });
    const done = store.createRun({ config: surfaceConfig() });
    store.updateRun(running1.id, { status: 'running' });
    store.updateRun(running2.id, { status: 'running' });
    store.updateRun(done.id, { status: 'completed' });
    clock += 60_000;

    assert.deepEqual(store.markRunningInterrupted('the app stopped'), [running1.id, running2.id]);
    for (const id of [running1.id, running2.id]) {
      const run = store.getRun(id)!;
      assert.equal(run.status, 'interrupted');
      assert.equal(run.error, 'the app stopped');
      assert.equal(run.finishedAt, '2026-01-02T03:05:05.000Z');
    }
    assert.equal(store.getRun(queued.id)!.status, 'queued');
    assert.equal(store.getRun(done.id)!.status, 'completed');
    assert.deepEqual(store.markRunningInterrupted('again'), []);
  });

  test('runs and metrics persist across reopening the file', () => {
    const run = store.createRun({ config: surfaceConfig() });
    store.appendMetrics(run.id, [{ key: 'train/loss', step: 20, epoch: 1, value: 0.3, time: 1 }]);
    store.close();
    store = SqliteRunStore.open(tmp.dbPath);
    assert.equal(store.getRun(run.id)!.lastMetrics['train/loss'], 0.3);
    assert.equal(store.getMetrics(run.id)[0].points.length, 1);
  });
});
