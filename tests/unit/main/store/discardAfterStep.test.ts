import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { openDatabase } from '../../../../main/store/openDatabase.js';
import { SqliteHistogramStore } from '../../../../main/store/sqliteHistogramStore.js';
import { SqliteRunStore } from '../../../../main/store/sqliteRunStore.js';
import type { MetricPoint } from '../../../../shared/runs/runTypes.js';
import { surfaceConfig, tempDbDir } from './testDb.js';

let temp: ReturnType<typeof tempDbDir>;
let store: SqliteRunStore;
let histograms: SqliteHistogramStore;
beforeEach(() => {
  temp = tempDbDir();
  const db = openDatabase(temp.dbPath);
  store = new SqliteRunStore(db);
  histograms = new SqliteHistogramStore(db);
});
afterEach(() => {
  store.close();
  temp.remove();
});

const capture = (epoch: number, step: number) => ({
  epoch,
  step,
  endOfEpoch: step % 5 === 0,
  optimizer: 'adam',
  binSpec: { minExponent: -12, maxExponent: 2, binsPerDecade: 4 },
  layers: [],
  seconds: 0.01,
});

test('rows after the checkpoint step go (metric points, ε captures); latest epoch metrics are those of the checkpoint epoch', () => {
  const run = store.createRun({ config: surfaceConfig() });
  const other = store.createRun({ config: surfaceConfig() });
  const points: MetricPoint[] = [];
  for (let step = 1; step <= 12; step++) points.push({ key: 'train/loss_step', step, epoch: 0, value: step, time: step });
  points.push({ key: 'test/loss', step: 5, epoch: 1, value: 0.5, time: 5 }, { key: 'test/loss', step: 10, epoch: 2, value: 0.25, time: 10 });
  store.appendMetrics(run.id, points);
  store.appendMetrics(other.id, points);
  for (const [epoch, step] of [[1, 5], [2, 8], [2, 10]]) {
    histograms.addCapture(run.id, capture(epoch, step));
    histograms.addCapture(other.id, capture(epoch, step));
  }
  assert.equal(store.getRun(run.id)!.lastMetrics['test/loss'], 0.25);

  store.discardAfterStep(run.id, 5);

  const series = new Map(store.getMetrics(run.id).map((s) => [s.key, s.points]));
  assert.deepEqual(series.get('train/loss_step')!.map((p) => p.step), [1, 2, 3, 4, 5]);
  assert.deepEqual(series.get('test/loss')!.map((p) => [p.epoch, p.value]), [[1, 0.5]]);
  assert.deepEqual(store.getRun(run.id)!.lastMetrics, { 'test/loss': 0.5 });
  assert.deepEqual(histograms.listCaptures(run.id).map((c) => c.step), [5]);
  // Other runs are untouched.
  assert.equal(store.getMetrics(other.id).find((s) => s.key === 'train/loss_step')!.points.length, 12);
  assert.equal(histograms.listCaptures(other.id).length, 3);
  assert.equal(store.getRun(other.id)!.lastMetrics['test/loss'], 0.25);
});

test('a run records its checkpoint, and clears it', () => {
  const run = store.createRun({ config: surfaceConfig() });
  assert.equal(run.checkpoint, null);
  const checkpoint = { path: '/tmp/checkpoints/run-1/checkpoint.json', epoch: 3, step: 60 };
  assert.deepEqual(store.updateRun(run.id, { checkpoint }).checkpoint, checkpoint);
  assert.deepEqual(store.listRuns()[0].checkpoint, checkpoint);
  assert.equal(store.updateRun(run.id, { checkpoint: null }).checkpoint, null);
});
