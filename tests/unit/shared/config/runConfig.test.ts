import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runConfigSchema } from '../../../../shared/config/runConfig.js';

const issuesOf = (config: unknown) => {
  const result = runConfigSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('run config schema', () => {
  it('fills defaults: constant learning rate, batch 128, seed 0', () => {
    const config = runConfigSchema.parse({ dataset: { kind: 'fashion-mnist' }, model: { kind: 'mlp' }, optimizer: { type: 'adam' }, training: { epochs: 1 } });
    assert.deepEqual(config.lrSchedule, { type: 'constant' });
    assert.equal(config.training.batchSize, 128);
    assert.equal(config.training.seed, 0);
    assert.equal(config.optimizer.type === 'adam' && config.optimizer.eps, 1e-8);
  });

  it('refuses a model that cannot train on the dataset, naming model.kind', () => {
    assert.deepEqual(issuesOf({ dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'mlp' }, optimizer: { type: 'sgd' }, training: { epochs: 1 } }), [
      'model.kind: a surface is optimised with the point model',
    ]);
    assert.deepEqual(issuesOf({ dataset: { kind: 'mnist' }, model: { kind: 'point' }, optimizer: { type: 'sgd' }, training: { epochs: 1 } }), [
      'model.kind: the point model only fits a surface',
    ]);
    assert.match(issuesOf({ dataset: { kind: 'fashion-mnist' }, model: { kind: 'lstm' }, optimizer: { type: 'sgd' }, training: { epochs: 1 } })[0], /^model\.kind: the LSTM needs a text dataset/);
  });

  it('names every bad field at once', () => {
    const issues = issuesOf({ dataset: { kind: 'fashion-mnist', trainLimit: -1 }, model: { kind: 'mlp' }, optimizer: { type: 'sgd', lr: 0 }, training: { epochs: 0, batchSize: 0 } });
    for (const path of ['dataset.trainLimit', 'optimizer.lr', 'training.epochs', 'training.batchSize']) {
      assert.ok(issues.some((i) => i.startsWith(`${path}:`)), `${path} in ${issues.join(' | ')}`);
    }
  });
});

describe('validation split (training.validation)', () => {
  const base = { dataset: { kind: 'fashion-mnist' }, model: { kind: 'mlp' }, optimizer: { type: 'adam' } };
  it('takes a count of held-out examples and an optional seed of the split', () => {
    const config = runConfigSchema.parse({ ...base, training: { epochs: 1, validation: { holdOut: 500 } } });
    assert.deepEqual(config.training.validation, { holdOut: 500 });
    assert.equal(runConfigSchema.parse({ ...base, training: { epochs: 1, validation: { holdOut: 5, seed: 3 } } }).training.validation?.seed, 3);
  });

  it('refuses fewer than 1 example, a fraction, an unknown field and a surface, naming training.validation.holdOut', () => {
    assert.deepEqual(issuesOf({ ...base, training: { epochs: 1, validation: { holdOut: 0 } } }), ['training.validation.holdOut: hold out at least 1 example']);
    assert.deepEqual(issuesOf({ ...base, training: { epochs: 1, validation: { holdOut: 2.5 } } }), ['training.validation.holdOut: holdOut is a whole number of examples']);
    assert.match(issuesOf({ ...base, training: { epochs: 1, validation: { holdOut: 5, fraction: 0.1 } } })[0], /^training\.validation: .*fraction/);
    assert.deepEqual(issuesOf({ dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd' }, training: { epochs: 1, validation: { holdOut: 5 } } }), [
      'training.validation.holdOut: a surface has no training examples to hold out',
    ]);
  });
});
