import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { optimizerConfigSchema } from '../../../../shared/config/optimizerConfig.js';
import { createOptimizer } from '../../../../shared/ml/optim/createOptimizer.js';
import { adamDirectionKernelName } from '../../../../shared/ml/optim/optimizers/adam.js';
import { loadGolden, runGoldenCase } from '../../shared/ml/optim/goldenHarness.js';
import { skipReason } from './kernelHarness.js';

/**
 * With the native kernels registered (as in a training process on the fast CPU path), Adam, AdamW
 * and MAS take their moments and direction from the fused kernel: they must still follow PyTorch's
 * golden trajectories to float32 precision.
 */
describe('optimizers on the fused Adam direction kernel', { skip: skipReason }, () => {
  const golden = loadGolden();
  const cases = golden.cases
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => ['adam', 'adamw', 'mas'].includes(String(c.config.type)) && !c.config.amsgrad && !c.config.variant);

  it('the kernel is registered for the active backend', () => {
    assert.ok(tf.getKernel(adamDirectionKernelName, tf.getBackend()));
    assert.ok(cases.length >= 4, `${cases.length} golden cases`);
  });

  for (const { c, index } of cases) {
    it(`${c.name} matches PyTorch`, () => {
      const config = optimizerConfigSchema.parse(c.config);
      runGoldenCase(golden, index, (params) => createOptimizer(config, params));
    });
  }
});
