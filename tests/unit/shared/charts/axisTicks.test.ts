import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linearTicks, logTicks, tickLabels } from '../../../../shared/charts/axisTicks.js';

test('linear ticks are round values inside the range, never past it', () => {
  assert.deepEqual(linearTicks(0.28, 0.4), [0.28, 0.3, 0.32, 0.34, 0.36, 0.38, 0.4]);
  assert.deepEqual(linearTicks(1, 20), [5, 10, 15, 20]);
  assert.deepEqual(linearTicks(0, 60), [0, 10, 20, 30, 40, 50, 60]);
  assert.deepEqual(linearTicks(3, 3), [3]);
  for (const t of linearTicks(0.3102, 22.04)) assert.ok(t >= 0.3102 && t <= 22.04);
});

test('labels have enough digits for their range and never repeat', () => {
  // Large values close together: the "4E22, 4E22, 3E22".
  const big = linearTicks(3.3e22, 4.25e22);
  const labels = tickLabels(big);
  assert.equal(new Set(labels).size, labels.length, labels.join(', '));
  assert.deepEqual(labels.slice(0, 3), ['3.4e22', '3.6e22', '3.8e22']);
  assert.deepEqual(tickLabels([0.28, 0.3, 0.32]), ['0.28', '0.30', '0.32']);
  assert.deepEqual(tickLabels([0, 10, 20]), ['0', '10', '20']);
  assert.deepEqual(tickLabels([1.0001, 1.0002, 1.0003]), ['1.0001', '1.0002', '1.0003']);
  assert.deepEqual(tickLabels([1e-8, 1e-7, 1e-6]), ['1e-8', '1e-7', '1e-6']);
});

test('log axes get one tick per decade; within one decade, 1-2-5 values', () => {
  assert.deepEqual(logTicks(0.003, 40), [0.01, 0.1, 1, 10]);
  assert.deepEqual(logTicks(1e-12, 1e4), [1e-12, 1e-9, 1e-6, 1e-3, 1, 1e3], 'at most about 8: every third decade');
  assert.deepEqual(logTicks(1.5, 8), [2, 5]);
  assert.deepEqual(logTicks(0, 1), []);
  assert.deepEqual(tickLabels(logTicks(1e-9, 10), 'log'), ['1e-9', '1e-8', '1e-7', '1e-6', '1e-5', '0.0001', '0.001', '0.01', '0.1', '1', '10'].filter((_, i) => i % 2 === 0));
});
