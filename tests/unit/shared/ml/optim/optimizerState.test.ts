import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema, type OptimizerConfigInput } from '../../../../../shared/config/optimizerConfig.js';
import { createOptimizer } from '../../../../../shared/ml/optim/createOptimizer.js';
import { assertClose } from './goldenHarness.js';
import { blockParams, cloneParams, disposeParams, runSteps } from './testParams.js';

const configs: OptimizerConfigInput[] = [
  { type: 'mas', momentum: 0.9, amsgrad: true },
  { type: 'nadam' },
  { type: 'swats', switchTolerance: 1 },
  { type: 'mas', variant: 'vector-combination' },
  { type: 'fusion', groups: [{ blocks: ['a'], optimizer: { type: 'madgrad' } }, { blocks: ['b'], optimizer: { type: 'mixer', parts: [{ weight: 1, optimizer: { type: 'adabelief' } }] } }] },
];

describe('optimizer state export and import (checkpoints)', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });
  for (const input of configs) {
    it(`${JSON.stringify(input)}: 3 steps, export, import into a new optimizer, 3 more = 6 straight steps`, () => {
      const config = optimizerConfigSchema.parse(input);
      const straight = blockParams(['a', 'b']);
      const resumed = cloneParams(straight);
      const a = createOptimizer(config, straight);
      a.setLearningRateFactor(0.5);
      runSteps(a, straight, 3, 1);
      runSteps(a, straight, 3, 2);

      const first = createOptimizer(config, resumed);
      first.setLearningRateFactor(0.5);
      runSteps(first, resumed, 3, 1);
      const saved = JSON.parse(JSON.stringify(first.exportState(), (_k, v: unknown) => (v instanceof Float32Array ? Array.from(v) : v)));
      first.dispose();
      const second = createOptimizer(config, resumed);
      second.importState(saved);
      assert.equal(second.currentLearningRate(), a.currentLearningRate());
      runSteps(second, resumed, 3, 2);
      straight.forEach((p, i) => assertClose(resumed[i].variable.dataSync(), Array.from(p.variable.dataSync()), p.name, 1e-6, 1e-7));
      a.dispose();
      second.dispose();
      disposeParams(straight);
      disposeParams(resumed);
    });
  }

  it('refuses a state of another optimizer or another parameter shape', () => {
    const params = blockParams(['a']);
    const adam = createOptimizer(optimizerConfigSchema.parse({ type: 'adam' }), params);
    runSteps(adam, params, 1);
    const state = adam.exportState();
    const sgd = createOptimizer(optimizerConfigSchema.parse({ type: 'sgd' }), params);
    assert.throws(() => sgd.importState(state), /state is for adam, not sgd/);
    const other = blockParams(['b']);
    const adam2 = createOptimizer(optimizerConfigSchema.parse({ type: 'adam' }), other);
    assert.throws(() => adam2.importState(state), /unknown parameter a\/w/);
    [adam, sgd, adam2].forEach((o) => o.dispose());
    disposeParams(params);
    disposeParams(other);
  });
});
