import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema, type OptimizerConfigInput } from '../../../../../shared/config/optimizerConfig.js';
import { createOptimizer } from '../../../../../shared/ml/optim/createOptimizer.js';
import { assertClose } from './goldenHarness.js';
import { blockParams, disposeParams } from './testParams.js';

const g = [0.5, -2, 0.01, 3, -0.2, 1, 0, 4, -1, 0.3, 2, -0.7];

/** ẑ of parameter a/w after one step with gradient g, or null. */
function zHatAfterOneStep(input: OptimizerConfigInput): number[] | null {
  const params = blockParams(['a', 'b']);
  const optimizer = createOptimizer(optimizerConfigSchema.parse(input), params);
  assert.equal(optimizer.adaptiveTerm('a/w'), null, 'nothing before the first step');
  const grad = tf.tensor2d(g, [4, 3]);
  optimizer.step({ 'a/w': grad, 'b/w': grad });
  const z = optimizer.adaptiveTerm('a/w');
  const out = z === null ? null : Array.from(z.dataSync());
  z?.dispose();
  grad.dispose();
  optimizer.dispose();
  disposeParams(params);
  return out;
}

describe('adaptive term ẑ (seed 003, Table 5)', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('Adam family and MAS: √v̂ = |g| after one step', () => {
    for (const type of ['adam', 'adamw', 'radam', 'nadam', 'diffgrad', 'adamod', 'swats', 'mas'] as const) {
      assertClose(zHatAfterOneStep({ type })!, g.map(Math.abs), type);
    }
    assertClose(zHatAfterOneStep({ type: 'mixer', parts: [{ weight: 0.5, optimizer: { type: 'sgd' } }, { weight: 0.5, optimizer: { type: 'adam' } }] })!, g.map(Math.abs), 'mixer');
    assertClose(zHatAfterOneStep({ type: 'fusion', groups: [{ blocks: ['a', 'b'], optimizer: { type: 'adam' } }] })!, g.map(Math.abs), 'fusion');
  });

  it('RMSprop √v, AdaGrad √Σg², MADGRAD ∛ν', () => {
    assertClose(zHatAfterOneStep({ type: 'rmsprop', alpha: 0.99 })!, g.map((x) => 0.1 * Math.abs(x)), 'rmsprop');
    assertClose(zHatAfterOneStep({ type: 'adagrad', initialAccumulatorValue: 0.5 })!, g.map((x) => Math.sqrt(0.5 + x * x)), 'adagrad');
    assertClose(zHatAfterOneStep({ type: 'madgrad', lr: 0.01 })!, g.map((x) => Math.cbrt(0.01 * x * x)), 'madgrad');
  });

  it('AdaBelief (1 − β2)·v̂ of (g − m)², AdaMomentum of m², EAdam of g², without the ε they accumulate', () => {
    const b2 = 0.99;
    assertClose(zHatAfterOneStep({ type: 'adabelief', beta2: b2, eps: 1e-8 })!, g.map((x) => (1 - b2) * (0.9 * x) ** 2), 'adabelief', 1e-4, 1e-7);
    assertClose(zHatAfterOneStep({ type: 'adamomentum', beta2: b2, eps: 1e-8 })!, g.map((x) => (1 - b2) * (0.1 * x) ** 2), 'adamomentum', 1e-4, 1e-7);
    assertClose(zHatAfterOneStep({ type: 'eadam', beta2: b2, eps: 1e-8 })!, g.map((x) => (1 - b2) * x * x), 'eadam', 1e-4, 1e-7);
  });

  it('Adamax: u − ε, the running maximum of |g| without the ε it holds', () => {
    assertClose(zHatAfterOneStep({ type: 'adamax', eps: 1e-3 })!, g.map(Math.abs), 'adamax', 1e-5, 1e-6);
  });

  it('SGD and Lion have none', () => {
    assert.equal(zHatAfterOneStep({ type: 'sgd', momentum: 0.9 }), null);
    assert.equal(zHatAfterOneStep({ type: 'lion' }), null);
  });
});
