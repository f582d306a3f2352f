import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { apiMethods } from '../../../shared/api/contract.js';
import { createAppServices } from '../../../main/app/createAppServices.js';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { unpackSeries } from '../../../shared/metrics/packedSeries.js';

const dir = mkdtempSync(path.join(tmpdir(), 'optlab-series-columns-'));
const dbPath = path.join(dir, 'optlab.db');
const config = runConfigSchema.parse({ dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.001 }, training: { epochs: 2 } });
const seeded = SqliteRunStore.open(dbPath);
const stepsOnly = seeded.createRun({ config }).id;
const withLoss = seeded.createRun({ config }).id;
seeded.appendMetrics(stepsOnly, [1, 2, 3].map((step) => ({ key: 'train/loss_step', step, epoch: 0, value: step / 3, time: step })));
seeded.appendMetrics(withLoss, [
  { key: 'train/loss_step', step: 1, epoch: 0, value: 0.5, time: 1 },
  { key: 'test/loss', step: 10, epoch: 1, value: 0.25, time: 10 },
  { key: 'test/loss', step: 20, epoch: 2, value: Number.NaN, time: 20 },
]);
seeded.close();
const services = createAppServices({ dbPath, dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: false });
after(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});
const read = (input: object) => services.handlers.getSeriesColumns(apiMethods.getSeriesColumns.input.parse(input));

test('getSeriesColumns reads the first of the keys any run has, for every run, packed exactly', async () => {
  const result = await read({ ids: [stepsOnly, withLoss], keys: ['test/accuracy', 'test/loss', 'train/loss_step'], columns: 100 });
  assert.equal(result.key, 'test/loss');
  assert.deepEqual(result.runs.map((r) => r.runId), [stepsOnly, withLoss]);
  assert.equal(result.runs[0].series.count, 0);
  const loss = unpackSeries(result.runs[1].series);
  assert.deepEqual([...loss.steps], [10, 20]);
  assert.deepEqual([...loss.epochs], [1, 2]);
  assert.equal(loss.values[0], 0.25);
  assert.ok(Number.isNaN(loss.values[1]));
  const steps = await read({ ids: [stepsOnly], keys: ['test/loss', 'train/loss_step'], columns: 100 });
  assert.equal(steps.key, 'train/loss_step');
  assert.deepEqual([...unpackSeries(steps.runs[0].series).values], [1 / 3, 2 / 3, 1]);
});

test('getSeriesColumns with keys no run has reads the first, empty; an unknown run or no key is refused', async () => {
  const none = await read({ ids: [stepsOnly], keys: ['nope', 'nada'], columns: 10 });
  assert.deepEqual([none.key, none.runs[0].series.count], ['nope', 0]);
  await assert.rejects(read({ ids: [9999], keys: ['x'], columns: 10 }), /There is no run 9999/);
  assert.throws(() => apiMethods.getSeriesColumns.input.parse({ ids: [stepsOnly], keys: [], columns: 10 }), /keys/);
});

test('getSeriesColumns reads every run asked for, in the order asked, however many (it lets the event loop go between runs)', async () => {
  const ids = Array.from({ length: 13 }, (_, i) => (i % 2 === 0 ? withLoss : stepsOnly));
  const result = await read({ ids, keys: ['train/loss_step'], columns: 100 });
  assert.deepEqual(result.runs.map((r) => r.runId), ids);
  assert.deepEqual(result.runs.map((r) => r.series.count), ids.map((id) => (id === withLoss ? 1 : 3)));
});
