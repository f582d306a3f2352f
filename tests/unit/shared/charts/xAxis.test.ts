import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aggregateOnAxis } from '../../../../shared/charts/aggregateOnAxis.js';
import { pointsOnAxis, stepsPerEpochOf, xAxes, xOf, type XAxis } from '../../../../shared/charts/xAxis.js';

/** 4 steps per epoch, 2 epochs: a step metric at every step, an epoch metric at each epoch's last step. */
const stepPoints = [1, 2, 3, 4, 5, 6, 7, 8].map((step) => ({ step, epoch: 0, value: 10 - step, time: step * 0.25 + (step > 4 ? 100 : 0) }));
const epochPoints = [
  { step: 4, epoch: 1, value: 0.5, time: 1.1 },
  { step: 8, epoch: 2, value: 0.7, time: 102.1 },
];

describe('the x-axis model', () => {
  test('step, epoch (fractional for step metrics) and wall time place each point', () => {
    assert.deepEqual(pointsOnAxis(stepPoints, 'step', 4).map((p) => p.x), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(pointsOnAxis(stepPoints, 'epoch', 4).map((p) => p.x), [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]);
    assert.deepEqual(pointsOnAxis(epochPoints, 'epoch', 4).map((p) => p.x), [1, 2]);
    // Wall time is the stored seconds, resumed runs included (the clock continues at 100 s here).
    assert.deepEqual(pointsOnAxis(stepPoints, 'time', 4).map((p) => p.x), [0.25, 0.5, 0.75, 1, 101.25, 101.5, 101.75, 102]);
    assert.deepEqual(pointsOnAxis(stepPoints, 'time', 4).map((p) => p.y), stepPoints.map((p) => p.value));
  });

  test('any sequence of axis switches puts every point where its axis says', () => {
    const expected = (axis: XAxis) => stepPoints.map((p) => xOf(p, axis, 4));
    const orders: XAxis[][] = [['step', 'time', 'epoch', 'time', 'step', 'epoch'], ['time', 'epoch', 'step'], ['epoch', 'time', 'epoch']];
    for (const order of orders) for (const axis of order) assert.deepEqual(pointsOnAxis(stepPoints, axis, 4).map((p) => p.x), expected(axis), order.join(' → '));
    assert.deepEqual(expected('epoch').slice(0, 2), [0.25, 0.5]);
  });

  test('step metrics wait for the steps per epoch on the epoch axis; epoch metrics do not', () => {
    assert.equal(xOf(stepPoints[0], 'epoch', null), null);
    assert.equal(pointsOnAxis(stepPoints, 'epoch', null).length, 0);
    assert.equal(pointsOnAxis(epochPoints, 'epoch', null).length, 2);
    assert.equal(stepsPerEpochOf(null, [stepPoints, epochPoints]), 4);
    assert.equal(stepsPerEpochOf({ totalEpochs: 5, totalSteps: 200 }, []), 40);
    assert.equal(stepsPerEpochOf(null, [stepPoints]), null);
    assert.deepEqual([...xAxes], ['step', 'epoch', 'time']);
  });
});

describe('aggregation over trials, per axis', () => {
  test('step: per shared step, over the trials that reached it', () => {
    const band = aggregateOnAxis([{ x: [1, 2, 3], y: [1, 2, 3] }, { x: [1, 2], y: [3, 4] }, { x: [1], y: [5] }], 'step', 100);
    assert.deepEqual(band.map((p) => [p.x, p.mean, p.min, p.max, p.n]), [[1, 3, 1, 5, 3], [2, 3, 2, 4, 2], [3, 3, 3, 3, 1]]);
    assert.equal(band[0].std, 2);
  });

  test('wall time: every trial resampled onto one grid, so the mean of two straight lines is straight (no saw-tooth)', () => {
    // Two trials of the same decreasing curve, recorded at interleaved seconds.
    const a = { x: [0, 2, 4, 6, 8], y: [10, 8, 6, 4, 2] };
    const b = { x: [1, 3, 5, 7, 9], y: [8, 6, 4, 2, 0] };
    const band = aggregateOnAxis([a, b], 'time', 9);
    assert.equal(band.length, 9);
    assert.deepEqual(band.map((p) => p.x), [0, 1.125, 2.25, 3.375, 4.5, 5.625, 6.75, 7.875, 9]);
    // Where both cover x the mean is 9 − x: a's line is 10 − x, b's is 9 − x … the mean falls monotonically.
    const means = band.map((p) => p.mean);
    for (let i = 1; i < means.length; i++) assert.ok(means[i] < means[i - 1], `mean falls at ${band[i].x}: ${means.join(', ')}`);
    const inside = band.filter((p) => p.n === 2);
    for (const p of inside) assert.ok(Math.abs(p.mean - (9.5 - p.x)) < 1e-12, `mean at ${p.x}`);
    // The old bucketing alternated between the trials' values: the saw-tooth of the issue.
    assert.equal(band[0].n, 1, 'only a covers x = 0');
    assert.equal(band.at(-1)!.n, 1, 'only b covers x = 9');
  });

  test('step series that were downsampled differently are resampled too', () => {
    const band = aggregateOnAxis([{ x: [0, 10], y: [0, 10] }, { x: [0, 5, 10], y: [0, 5, 10] }], 'step', 3);
    assert.deepEqual(band.map((p) => [p.x, p.mean, p.n]), [[0, 0, 2], [5, 5, 2], [10, 10, 2]]);
  });

  test('non-finite values are left out and an empty group has no points', () => {
    assert.deepEqual(aggregateOnAxis([{ x: [1, 2], y: [Number.NaN, 2] }], 'step', 10).map((p) => [p.x, p.mean]), [[2, 2]]);
    assert.deepEqual(aggregateOnAxis([], 'time', 10), []);
  });
});
