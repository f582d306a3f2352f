import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preferredMetrics, preloadCompare, seriesColumnsFor, seriesRequest } from '../../../../../renderer/src/compare/compareReads.js';

test('series are read at a column per pixel of the window at least, in steps of 100', () => {
  assert.equal(seriesColumnsFor(1400), 1400);
  assert.equal(seriesColumnsFor(1401), 1500);
  assert.equal(seriesColumnsFor(1), 100);
  assert.equal(seriesColumnsFor(0), 100);
  assert.equal(seriesColumnsFor(50_000), 10_000);
});

test('the preloaded reads are the requests the page sends on opening the runs', () => {
  const sent: [string, unknown][] = [];
  preloadCompare((method, input) => void sent.push([method, input]), [3, 1, 2], 1380);
  assert.deepEqual(sent, [
    ['getSeriesColumns', seriesRequest([3, 1, 2], preferredMetrics, 1400, null)],
    ['getRuns', { ids: [3, 1, 2] }],
    ['getMetricKeys', { ids: [3, 1, 2] }],
  ]);
  assert.deepEqual(seriesRequest([1], ['loss'], 200, { min: 5, max: 9 }), { ids: [1], keys: ['loss'], columns: 200, fromStep: 5, toStep: 9 });
  const none: unknown[] = [];
  preloadCompare((method) => void none.push(method), [], 1400);
  assert.deepEqual(none, []);
});
