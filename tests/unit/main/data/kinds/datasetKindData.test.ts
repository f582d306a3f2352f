import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scannedInspection } from '../../../../../main/data/kinds/datasetKindData.js';

const scan = { train: [1, 2, 3, 4, 5], test: [1, 2, 3], classes: ['cat', 'dog'] };

test('a scanned dataset’s counts are its files within the config’s limits, 0 meaning no limit', () => {
  assert.deepEqual(scannedInspection('/data/x', scan, { trainLimit: 0, testLimit: 0 }), { source: '/data/x', trainCount: 5, testCount: 3, classes: ['cat', 'dog'] });
  assert.deepEqual(scannedInspection('/data/x', scan, { trainLimit: 2, testLimit: 10 }), { source: '/data/x', trainCount: 2, testCount: 3, classes: ['cat', 'dog'] });
  assert.deepEqual(scannedInspection('/data/x', scan, { trainLimit: 7, testLimit: 1 }), { source: '/data/x', trainCount: 5, testCount: 1, classes: ['cat', 'dog'] });
});
