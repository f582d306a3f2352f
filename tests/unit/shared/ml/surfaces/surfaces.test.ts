import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { allSurfaces } from '../../../../../shared/ml/surfaces/surfaces.js';
import { distanceToMinimum, runTrajectory, type TrajectoryPoint } from '../../../../../shared/ml/surfaces/runTrajectory.js';
import type { Surface } from '../../../../../shared/ml/surfaces/surface.js';

/** First step at which the path is within `radius` of the minimum (Infinity if never). */
function arrival(surface: Surface, path: TrajectoryPoint[], radius = 0.05): number {
  const i = path.findIndex(([x, y]) => Math.hypot(x - surface.minimum[0], y - surface.minimum[1]) < radius);
  return i < 0 ? Infinity : i;
}

describe('toy surfaces (seed 000, Fig. 3–5)', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('each surface: the tfjs loss equals the plain value, and the minimum is a minimum', () => {
    for (const surface of Object.values(allSurfaces)) {
      for (const [x, y] of [surface.start, [0.3, -0.7], surface.minimum] as [number, number][]) {
        const t = tf.tensor1d([x, y]);
        const loss = surface.loss(t);
        const expected = surface.value(x, y);
        assert.ok(Math.abs(loss.dataSync()[0] - expected) <= 1e-4 * Math.max(1, Math.abs(expected)), `${surface.name} at (${x}, ${y})`);
        tf.dispose([t, loss]);
      }
      assert.ok(Math.abs(surface.value(...surface.minimum)) < 1e-9, `${surface.name}: minimum value 0`);
      assert.ok(surface.value(...surface.start) > 0, `${surface.name}: start is not the minimum`);
    }
  });

  it('runTrajectory returns steps + 1 points from the start and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const path = runTrajectory(allSurfaces['quadratic-bowl'], { type: 'adam', lr: 0.05 }, 20, [1, -1]);
    assert.equal(path.length, 21);
    assert.deepEqual(path[0], [1, -1, 10.5]);
    assert.ok(path[20][2] < path[0][2]);
    assert.equal(tf.memory().numTensors, before);
  });

  it('Rosenbrock from (3, 1), lr 1e-4, 1000 steps: MAS (λ = 0.5) ends closer to the minimum than SGD and Adam', () => {
    const surface = allSurfaces.rosenbrock;
    assert.deepEqual([surface.start, surface.defaultLr, surface.defaultSteps], [[3, 1], 1e-4, 1000]);
    const end = (type: 'sgd' | 'adam' | 'mas') => distanceToMinimum(surface, runTrajectory(surface, { type, lr: 1e-4 }, 1000));
    const mas = end('mas');
    const sgd = end('sgd');
    const adam = end('adam');
    assert.ok(mas < sgd && mas < adam, `MAS ${mas}, SGD ${sgd}, Adam ${adam}`);
  });

  it('the same holds on Eq. 29 as printed, (1 − y)² + 100·(y − x²)²', () => {
    const surface = allSurfaces['rosenbrock-eq29'];
    const end = (type: 'sgd' | 'adam' | 'mas') => distanceToMinimum(surface, runTrajectory(surface, { type, lr: 1e-4 }, 1000));
    const mas = end('mas');
    assert.ok(mas < end('sgd') && mas < end('adam'), `MAS ${mas}`);
  });

  it('|x|/10 + |y| from (3, 2), lr 0.01, 400 steps: Adam arrives at the minimum first', () => {
    const surface = allSurfaces['abs-ridge'];
    assert.deepEqual([surface.start, surface.defaultLr, surface.defaultSteps], [[3, 2], 0.01, 400]);
    const first = (type: 'sgd' | 'adam' | 'mas') => arrival(surface, runTrajectory(surface, { type, lr: 0.01 }, 400));
    const adam = first('adam');
    assert.ok(Number.isFinite(adam), 'Adam arrives within 400 steps');
    assert.ok(adam < first('mas') && adam < first('sgd'), `Adam first at step ${adam}`);
  });
});
