import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';

/** Real services, real training processes, real SQLite: how runs end. */
describe('run outcomes through the real training process', () => {
  const services = appServicesForSuite('outcomes');

  const train = (config: RunConfigInput) => trainToEnd(services, config);

  it('a loss that overflows ends the run as diverged, with where it happened', async () => {
    const run = await train({
      dataset: { kind: 'surface', surface: 'rosenbrock' },
      model: { kind: 'point' },
      optimizer: { type: 'sgd', lr: 1 },
      training: { epochs: 3, stepsPerEpoch: 50 },
    });
    assert.equal(run.status, 'diverged');
    assert.match(run.error ?? '', /Loss became (NaN|Infinity|-Infinity) at step \d+ \(epoch 1\)/);
  });

  it('a dataset that is nowhere fails the run with the reason', async () => {
    const run = await train({
      dataset: { kind: 'mnist' },
      model: { kind: 'mlp', hidden: [8] },
      optimizer: { type: 'sgd', lr: 0.1 },
      training: { epochs: 1 },
    });
    if (run.status === 'completed') return; // MNIST is installed on this machine: nothing to check here.
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /mnist/i);
  });

  it('a corrupt dataset file fails the run, names the file, and leaves other runs intact', async () => {
    const folder = path.join(services.dataDir, 'mnist');
    mkdirSync(folder, { recursive: true });
    for (const name of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      writeFileSync(path.join(folder, name), Buffer.from([0, 0, 8, 3, 0, 0, 0, 9]));
    }
    const before = await services.handlers.listRuns({});
    const run = await train({
      dataset: { kind: 'mnist' },
      model: { kind: 'mlp', hidden: [8] },
      optimizer: { type: 'sgd', lr: 0.1 },
      training: { epochs: 1 },
    });
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /idx/i);
    const afterRuns = await services.handlers.listRuns({});
    for (const old of before) assert.deepEqual(afterRuns.find((r) => r.id === old.id), old);
  });

  it('trains an MLP on the bundled Fashion-MNIST subset and stores per-epoch metrics', async () => {
    const run = await train({
      dataset: { kind: 'fashion-mnist', trainLimit: 512, testLimit: 256 },
      model: { kind: 'mlp', hidden: [32] },
      optimizer: { type: 'adam', lr: 0.003 },
      training: { epochs: 2, batchSize: 64, seed: 3 },
    });
    assert.equal(run.status, 'completed', run.error ?? '');
    const series = await services.handlers.getMetrics({ id: run.id, keys: ['test/accuracy', 'train/loss', 'train/loss_step'], maxPoints: 0 });
    const byKey = Object.fromEntries(series.map((s) => [s.key, s.points]));
    assert.equal(byKey['test/accuracy'].length, 2);
    assert.equal(byKey['train/loss_step'].length, 16);
    assert.ok(byKey['test/accuracy'][1].value > 0.3, `accuracy ${byKey['test/accuracy'][1].value}`);
    assert.ok(byKey['train/loss'][1].value < byKey['train/loss'][0].value);
  });

  it('applies the learning-rate schedule of the config at every step', async () => {
    const run = await train({
      dataset: { kind: 'surface', surface: 'abs-ridge' },
      model: { kind: 'point' },
      optimizer: { type: 'sgd', lr: 0.01 },
      lrSchedule: { type: 'step', stepSize: 1, gamma: 0.5 },
      training: { epochs: 3, stepsPerEpoch: 10 },
    });
    assert.equal(run.status, 'completed', run.error ?? '');
    const [lr] = await services.handlers.getMetrics({ id: run.id, keys: ['train/lr'], maxPoints: 0 });
    const values = lr.points.map((p) => p.value);
    assert.equal(values.length, 30);
    assert.ok(Math.abs(values[0] - 0.01) < 1e-9 && Math.abs(values[9] - 0.01) < 1e-9, String(values.slice(0, 10)));
    assert.ok(Math.abs(values[10] - 0.005) < 1e-9, String(values[10]));
    assert.ok(Math.abs(values[29] - 0.0025) < 1e-9, String(values[29]));
  });
});
