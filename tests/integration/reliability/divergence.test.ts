import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';

/** Runs whose numbers stop being finite, or explode, end `diverged` with where and what. */
describe('divergence through the real training process', () => {
  const services = appServicesForSuite('divergence');

  it('Adam at lr 1e300 on Rosenbrock ends diverged, naming the step and the value, and keeps the steps before', async () => {
    // Used to crash the training process while it sent −Infinity (a schema error): `failed`, its step metrics lost.
    const run = await trainToEnd(services, {
      dataset: { kind: 'surface', surface: 'rosenbrock' },
      model: { kind: 'point' },
      optimizer: { type: 'adam', lr: 1e300 },
      training: { epochs: 2, stepsPerEpoch: 50 },
    });
    assert.equal(run.status, 'diverged', run.error ?? '');
    const match = /became (NaN|Infinity|-Infinity) at step (\d+)/.exec(run.error ?? '');
    assert.ok(match, run.error ?? '');
    const step = Number(match[2]);
    const [series] = await services.handlers.getMetrics({ id: run.id, keys: ['train/loss_step'], maxPoints: 0 });
    assert.equal(series.points.length, step - 1, 'every step before the one that diverged is stored');
    assert.ok(series.points.every((p) => Number.isFinite(p.value)));
  });

  it('the loss-explosion rule ends a run whose loss grows past the factor, with the reason', async () => {
    // SGD past the stable step size on y (lr > 2/20): the loss grows ×1.44 a step but stays finite.
    const base = {
      dataset: { kind: 'surface', surface: 'quadratic-bowl' },
      model: { kind: 'point' },
      optimizer: { type: 'sgd', lr: 0.11 },
    } as const;
    const unguarded = await trainToEnd(services, { ...base, training: { epochs: 5, stepsPerEpoch: 10 } });
    assert.equal(unguarded.status, 'completed');
    const guarded = await trainToEnd(services, { ...base, training: { epochs: 5, stepsPerEpoch: 10, lossExplosionFactor: 1000 } });
    assert.equal(guarded.status, 'diverged');
    assert.match(guarded.error ?? '', /at step \d+ \(epoch [2-5]\) is above 1000 × the first epoch's loss .* \(loss-explosion rule\)/);
  });
});
