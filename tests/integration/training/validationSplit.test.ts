/**
 * A validation split with real training processes: held-out training examples are left out of
 * training and evaluated after every epoch (`val/*`), on the cpu and the cpu + native backends,
 * for classification and language modeling; a split as large as the training set fails the run
 * with the field named.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import type { BackendChoice } from '../../../shared/training/backendChoice.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';

const fixtures = fileURLToPath(new URL('../../fixtures/data/', import.meta.url));

const mlp = (device: BackendChoice, holdOut: number): RunConfigInput =>
  ({
    dataset: { kind: 'fashion-mnist', trainLimit: 300, testLimit: 50 },
    model: { kind: 'mlp', hidden: [16] },
    optimizer: { type: 'adam', lr: 1e-3 },
    training: { epochs: 2, batchSize: 64, device, validation: { holdOut } },
  }) as RunConfigInput;

describe('validation split', { timeout: 300_000 }, () => {
  const services = appServicesForSuite('validation-split');

  const metricsOf = async (id: number) => {
    const series = await services.handlers.getMetrics({ id, maxPoints: 0 });
    return Object.fromEntries(series.map((s) => [s.key, s.points]));
  };

  for (const device of ['cpu', 'cpu-native'] as const) {
    it(`${device}: trains on 240 of 300 examples and logs val/loss, val/accuracy and val/macro_f1 of the other 60 each epoch`, async () => {
      const run = await trainToEnd(services, mlp(device, 60));
      assert.equal(run.status, 'completed', run.error ?? '');
      assert.equal(run.backend?.backend, device === 'cpu' ? 'cpu' : 'cpu+native');
      // ceil(240 / 64) = 4 steps per epoch (300 examples would take 5).
      assert.equal(run.progress?.totalSteps, 8);
      const metrics = await metricsOf(run.id);
      for (const key of ['val/loss', 'val/accuracy', 'val/macro_f1']) {
        assert.deepEqual(metrics[key]?.map((p) => [p.epoch, p.step]), [[1, 4], [2, 8]], key);
        assert.ok(metrics[key].every((p) => Number.isFinite(p.value)), key);
      }
      // An accuracy over 60 examples, and a loss of its own (not the test split's).
      for (const p of metrics['val/accuracy']) assert.ok(Math.abs(p.value * 60 - Math.round(p.value * 60)) < 1e-6, `${p.value} of 60`);
      assert.notEqual(metrics['val/loss'][1].value, metrics['test/loss'][1].value);
      assert.ok(metrics['val/loss'][1].value < metrics['val/loss'][0].value, 'the validation loss falls');
      assert.equal(run.lastMetrics['val/accuracy'], metrics['val/accuracy'][1].value);
    });
  }

  it('language modeling: val/loss and val/perplexity of held-out windows', async () => {
    const run = await trainToEnd(services, {
      dataset: { kind: 'text-lm', path: path.join(fixtures, 'ptb'), level: 'char', seqLength: 8 },
      model: { kind: 'lstm', layers: 1, embeddingDim: 16, hidden: 16 },
      optimizer: { type: 'adam', lr: 0.01 },
      training: { epochs: 2, batchSize: 8, validation: { holdOut: 4 } },
    } as RunConfigInput);
    assert.equal(run.status, 'completed', run.error ?? '');
    const metrics = await metricsOf(run.id);
    assert.equal(metrics['val/perplexity']?.length, 2);
    assert.ok(Math.abs(Math.log(metrics['val/perplexity'][0].value) - metrics['val/loss'][0].value) < 1e-6);
  });

  it('holding out the whole training set fails the run, naming training.validation.holdOut', async () => {
    const run = await trainToEnd(services, mlp('cpu', 300));
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /training\.validation\.holdOut: 300 examples held out of a training set of 300/);
  });
});
