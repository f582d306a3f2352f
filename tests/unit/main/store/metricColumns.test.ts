import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SqliteRunStore } from '../../../../main/store/sqliteRunStore.js';
import { seriesFromColumns } from '../../../../shared/metrics/packedSeries.js';
import type { MetricPoint } from '../../../../shared/runs/runTypes.js';
import { surfaceConfig, tempDbDir } from './testDb.js';

describe('metric series by pixel column (lowest and highest point of each)', () => {
  const tmp = tempDbDir();
  let store: SqliteRunStore;
  let runId: number;
  const points: MetricPoint[] = [];
  const spikes = new Map([
    [1234, 50],
    [4321, -40],
    [7777, 80],
    [2500, 30],
  ]);

  before(() => {
    store = SqliteRunStore.open(tmp.dbPath);
    runId = store.createRun({ config: surfaceConfig() }).id;
    for (let step = 1; step <= 10_000; step++) points.push({ key: 'loss', step, epoch: 0, value: spikes.get(step) ?? Math.sin(step / 50), time: step / 10 });
    store.appendMetrics(runId, points);
    // A sparse series (buckets of one point, NaNs, steps stored twice) for the column reads below.
    const sparse: MetricPoint[] = [];
    for (let step = 3; step <= 40_000; step += step % 5 === 0 ? 19 : 7) sparse.push({ key: 'sparse', step, epoch: Math.floor(step / 1000), value: step % 11 === 0 ? Number.NaN : Math.cos(step / 30) * (step % 13), time: step / 7 });
    sparse.splice(1, 0, { key: 'sparse', step: 9, epoch: 0, value: Number.NaN, time: 1 }, { key: 'sparse', step: 9, epoch: 0, value: Number.NaN, time: 2 });
    sparse.push({ key: 'sparse', step: 40_000, epoch: 40, value: 3, time: 1 }, { key: 'sparse', step: 40_000, epoch: 40, value: 3, time: 2 }, { key: 'sparse', step: 40_000, epoch: 40, value: -3, time: 3 });
    store.appendMetrics(runId, sparse);
  });
  after(() => {
    store.close();
    tmp.remove();
  });

  /** The lowest and highest value of each group of `width` steps from `from`, over every point of [from, to]. */
  function extremes(from: number, to: number, width: number): { lo: number; hi: number }[] {
    const out = new Map<number, { lo: number; hi: number }>();
    for (const p of points.filter((q) => q.step >= from && q.step <= to)) {
      const group = Math.floor((p.step - from) / width);
      const e = out.get(group) ?? { lo: Infinity, hi: -Infinity };
      out.set(group, { lo: Math.min(e.lo, p.value), hi: Math.max(e.hi, p.value) });
    }
    return [...out.values()];
  }

  /** Each group's extremes are among the kept points of that group. */
  function assertKeepsExtremes(kept: { step: number; value: number }[], from: number, to: number, width: number): void {
    extremes(from, to, width).forEach(({ lo, hi }, group) => {
      const values = kept.filter((p) => Math.floor((p.step - from) / width) === group).map((p) => p.value);
      assert.ok(values.includes(lo) && values.includes(hi), `steps ${from + group * width}…: ${lo}..${hi} kept as ${values.join(', ')}`);
    });
  }

  test('keeps the extremes of every 16 steps when the columns are narrower, so one-step spikes survive', () => {
    const [series] = store.getMetrics(runId, { keys: ['loss'], columns: 1400 });
    // Two per bucket, and the 15 points of the partial first bucket.
    assert.ok(series.points.length <= 2 * Math.floor(10_000 / 16) + 15, `${series.points.length} points`);
    for (const [step, value] of spikes) assert.ok(series.points.some((p) => p.step === step && p.value === value), `spike at ${step}`);
    assert.deepEqual(series.points.map((p) => p.step), [...series.points.map((p) => p.step)].sort((a, b) => a - b));
    assert.equal(series.points[0].step, 1);
    assert.equal(series.points.at(-1)?.step, 10_000);
    // Buckets are steps 16b..16b+15; the first (steps 1-15) is partial and read point by point.
    assertKeepsExtremes(series.points.filter((p) => p.step >= 16), 16, 9_999, 16);
  });

  test('wider columns keep each column’s lowest and highest point, at most two per column', () => {
    const [series] = store.getMetrics(runId, { keys: ['loss'], columns: 100 });
    assert.ok(series.points.length <= 2 * 100 + 40, `${series.points.length} points`);
    for (const [step, value] of spikes) assert.ok(series.points.some((p) => p.step === step && p.value === value), `spike at ${step}`);
    // Columns are whole numbers of buckets: 6 buckets (96 steps) each from step 16.
    assertKeepsExtremes(series.points.filter((p) => p.step >= 16 && p.step < 16 + 96 * Math.floor((10_000 - 16) / 96)), 16, 15 + 96 * Math.floor((10_000 - 16) / 96), 96);
  });

  test('a step range (a zoomed chart) is read at the same fidelity within it', () => {
    const [series] = store.getMetrics(runId, { keys: ['loss'], columns: 100, fromStep: 2000, toStep: 3000 });
    assert.ok(series.points.every((p) => p.step >= 2000 && p.step <= 3000));
    assert.ok(series.points.some((p) => p.step === 2500 && p.value === 30));
    assert.ok(series.points.some((p) => p.step === 2000) && series.points.some((p) => p.step === 3000));
    assertKeepsExtremes(series.points, 2000, 2991, 16);
  });

  test('a range with no more points than two per column comes whole', () => {
    const [series] = store.getMetrics(runId, { keys: ['loss'], columns: 100, fromStep: 5001, toStep: 5150 });
    assert.deepEqual(series.points.map((p) => p.step), Array.from({ length: 150 }, (_, i) => 5001 + i));
  });

  test('as columns: the same points as getMetrics reads with columns, in order, and empty columns for a missing series', () => {
    for (const query of [{ columns: 1400 }, { columns: 100 }, { columns: 100, fromStep: 2000, toStep: 3000 }, { columns: 100, fromStep: 5001, toStep: 5150 }]) {
      const [series] = store.getMetrics(runId, { keys: ['loss'], ...query });
      const columns = store.getSeriesColumns(runId, 'loss', query);
      assert.deepEqual(seriesFromColumns(columns), series, JSON.stringify(query));
    }
    // One bucket per column with partial buckets at both ends, on a dense and a sparse series.
    for (const key of ['loss', 'sparse']) {
      for (const query of [{ columns: 700, fromStep: 1003, toStep: 9990 }, { columns: 200, fromStep: 7, toStep: 6001 }, { columns: 3000 }, { columns: 2000, fromStep: 17, toStep: 39_999 }, { columns: 1000, fromStep: 4000 }]) {
        const [series] = store.getMetrics(runId, { keys: [key], ...query });
        const columns = store.getSeriesColumns(runId, key, query);
        assert.ok(series.points.length > 2 * Math.min(query.columns, 100), `${key} ${JSON.stringify(query)}: ${series.points.length} points`);
        assert.deepEqual(seriesFromColumns(columns), series, `${key} ${JSON.stringify(query)}`);
      }
    }
    const missing = store.getSeriesColumns(runId, 'nope', { columns: 100 });
    assert.deepEqual([missing.key, missing.steps.length, missing.values.length], ['nope', 0, 0]);
  });
});
