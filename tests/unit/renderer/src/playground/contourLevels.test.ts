import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absRidge } from '../../../../../shared/ml/surfaces/absRidge.js';
import { rosenbrock } from '../../../../../shared/ml/surfaces/rosenbrock.js';
import { contourLevels, levelScale, sampleSurface } from '../../../../../renderer/src/playground/contourLevels.js';

test('sampleSurface puts row 0 at the top of the view and x fastest', () => {
  const grid = sampleSurface((x, y) => 10 * x + y, [0, 4, 0, 2], 4, 2);
  // Centres: x = 0.5, 1.5, 2.5, 3.5; rows y = 1.5 (top), 0.5.
  assert.deepEqual(Array.from(grid.values), [6.5, 16.5, 26.5, 36.5, 5.5, 15.5, 25.5, 35.5]);
  assert.equal(grid.min, 5.5);
  assert.equal(grid.max, 36.5);
});

test("Rosenbrock's skewed values get log-spaced levels, |x|/10 + |y| evenly spaced ones", () => {
  assert.equal(levelScale(sampleSurface(rosenbrock.value, rosenbrock.view, 200, 160).values), 'log');
  assert.equal(levelScale(sampleSurface(absRidge.value, absRidge.view, 200, 160).values), 'linear');
  assert.equal(levelScale([3, 3, 3]), 'linear');
});

test('linear levels divide the range evenly, strictly inside it', () => {
  assert.deepEqual(contourLevels(0, 10, 4, 'linear'), [2, 4, 6, 8]);
  assert.deepEqual(contourLevels(5, 5, 4, 'linear'), []);
});

test('log levels are geometric in z − min over the given decades', () => {
  const levels = contourLevels(1, 1001, 5, 'log', 5);
  assert.equal(levels.length, 5);
  const offsets = levels.map((l) => l - 1);
  assert.ok(Math.abs(offsets[0] - 1000 * 1e-5) < 1e-12);
  for (let k = 1; k < offsets.length; k++) assert.ok(Math.abs(offsets[k] / offsets[k - 1] - 10) < 1e-9, `ratio at ${k}`);
  assert.ok(levels[levels.length - 1] < 1001);
});
