import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { SqliteRunStore } from '../../../../main/store/sqliteRunStore.js';
import type { MetricPoint } from '../../../../shared/runs/runTypes.js';
import { surfaceConfig, tempDbDir } from './testDb.js';

const tmp = tempDbDir();
const store = SqliteRunStore.open(tmp.dbPath);
after(() => {
  store.close();
  tmp.remove();
});

test('a long batch (rows inserted many per statement) keeps every point, its order within a step and NaN, with steps repeated at any place', () => {
  const runId = store.createRun({ config: surfaceConfig() }).id;
  const batch: MetricPoint[] = [];
  // 300 points of one series, one of them NaN; step 70 recorded again at points 71 and 250 (after many
  // rows still waiting to go in), step 5 again at the end; a second series interleaved.
  for (let i = 1; i <= 300; i++) {
    const step = i === 71 || i === 250 ? 70 : i === 300 ? 5 : i;
    batch.push({ key: 'loss', step, epoch: 0, value: i === 100 ? Number.NaN : i / 7, time: i * 0.5 });
    if (i % 3 === 0) batch.push({ key: 'lr', step, epoch: 0, value: 1 / i, time: i * 0.5 });
  }
  store.appendMetrics(runId, batch);
  // And the next batch continues a step of the last one.
  store.appendMetrics(runId, [{ key: 'loss', step: 299, epoch: 0, value: -1, time: 999 }]);
  const [loss, lr] = store.getMetrics(runId);
  assert.equal(loss.points.length, 301);
  assert.equal(lr.points.length, 100);
  assert.deepEqual(loss.points.filter((p) => p.step === 70).map((p) => p.value), [70 / 7, 71 / 7, 250 / 7]);
  assert.deepEqual(loss.points.filter((p) => p.step === 5).map((p) => p.value), [5 / 7, 300 / 7]);
  assert.deepEqual(loss.points.filter((p) => p.step === 299).map((p) => p.value), [299 / 7, -1]);
  assert.ok(Number.isNaN(loss.points.find((p) => p.step === 100)!.value));
  const values = (points: readonly { value: number }[]) => points.map((p) => String(p.value)).sort();
  assert.deepEqual(values(loss.points.slice(0, -1).concat()).filter((v) => v !== '-1'), values(batch.filter((p) => p.key === 'loss')));
});
