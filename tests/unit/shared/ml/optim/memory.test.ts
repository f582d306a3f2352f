import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema, type OptimizerConfigInput } from '../../../../../shared/config/optimizerConfig.js';
import { createOptimizer } from '../../../../../shared/ml/optim/createOptimizer.js';
import type { ModelParam } from '../../../../../shared/ml/models/model.js';

const configs: OptimizerConfigInput[] = [
  { type: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 },
  { type: 'adam', amsgrad: true, weightDecay: 0.01 },
  { type: 'mas', momentum: 0.9, amsgrad: true, weightDecay: 0.01 },
  { type: 'mas', variant: 'direction-correction', momentum: 0.9 },
  { type: 'mas', variant: 'vector-combination' },
  { type: 'mas', variant: 'adam-normalized', lambdaSchedule: { lambdaAdamEnd: 0, lambdaSgdEnd: 1, steps: 5 } },
  { type: 'adamw' },
  { type: 'radam', weightDecay: 0.1 },
  { type: 'nadam', decoupledWeightDecay: true, weightDecay: 0.1 },
  { type: 'rmsprop', centered: true, momentum: 0.9 },
  { type: 'adagrad', lrDecay: 0.1 },
  { type: 'adabelief' },
  { type: 'adamomentum' },
  { type: 'eadam' },
  { type: 'diffgrad' },
  { type: 'adamod' },
  { type: 'madgrad' },
  { type: 'swats', switchTolerance: 1 },
  { type: 'mixer', parts: [{ weight: 0.5, optimizer: { type: 'adabelief' } }, { weight: 0.5, optimizer: { type: 'sgd', momentum: 0.9 } }] },
  { type: 'fusion', groups: [{ blocks: ['a'], optimizer: { type: 'adam' } }, { blocks: ['b'], optimizer: { type: 'mas' } }] },
];

function variable(shape: number[], seed: number): tf.Variable {
  const init = tf.randomNormal(shape, 0, 1, 'float32', seed);
  const v = tf.variable(init);
  init.dispose();
  return v;
}

function makeParams(): ModelParam[] {
  return [
    { name: 'a/w', block: 'a', variable: variable([5, 3], 1) },
    { name: 'b/w', block: 'b', variable: variable([7], 2) },
  ];
}

describe('optimizer memory', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });
  for (const input of configs) {
    it(`${JSON.stringify(input)}: tensor count stays flat across steps and returns to the start after dispose`, () => {
      const start = tf.memory().numTensors;
      const params = makeParams();
      const optimizer = createOptimizer(optimizerConfigSchema.parse(input), params);
      const step = () => {
        const grads = { 'a/w': tf.onesLike(params[0].variable), 'b/w': tf.onesLike(params[1].variable) };
        optimizer.step(grads);
        tf.dispose(Object.values(grads));
      };
      // a few steps first: state is created on first use, and SWATS swaps Adam state for SGD's
      for (let i = 0; i < 4; i++) step();
      const afterWarmup = tf.memory().numTensors;
      for (let i = 0; i < 10; i++) step();
      assert.equal(tf.memory().numTensors, afterWarmup);
      optimizer.dispose();
      for (const p of params) p.variable.dispose();
      assert.equal(tf.memory().numTensors, start);
    });
  }
});

describe('optimizer bookkeeping', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });
  it('leaves a parameter without a gradient unchanged and scales the step with the learning-rate factor', () => {
    const params = makeParams();
    const optimizer = createOptimizer(optimizerConfigSchema.parse({ type: 'sgd', lr: 0.5 }), params);
    const before = params[1].variable.dataSync().slice();
    const a0 = params[0].variable.dataSync()[0];
    optimizer.setLearningRateFactor(0.2);
    assert.equal(optimizer.currentLearningRate(), 0.1);
    const g = tf.onesLike(params[0].variable);
    optimizer.step({ 'a/w': g });
    g.dispose();
    assert.deepEqual(params[1].variable.dataSync(), before);
    assert.ok(Math.abs(params[0].variable.dataSync()[0] - (a0 - 0.1)) < 1e-6);
    assert.throws(() => optimizer.setLearningRateFactor(-1), /learning rate factor/);
    const wrong = tf.ones([3, 5]);
    assert.throws(() => optimizer.step({ 'a/w': wrong }), /gradient of a\/w has shape \[3, 5\], the parameter \[5, 3\]/);
    wrong.dispose();
    optimizer.dispose();
    for (const p of params) p.variable.dispose();
  });
});
