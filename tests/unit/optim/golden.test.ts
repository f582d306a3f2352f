import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema } from '../../../shared/config/optimizerConfig.js';
import { createOptimizer } from '../../../shared/ml/optim/createOptimizer.js';
import { loadGolden, runGoldenCase } from './goldenHarness.js';

const golden = loadGolden();

describe('optimizers match the PyTorch golden vectors', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });
  golden.cases.forEach((c, index) => {
    it(`${c.name} (${JSON.stringify(c.config)})`, () => {
      const config = optimizerConfigSchema.parse(c.config);
      runGoldenCase(golden, index, (params) => createOptimizer(config, params));
    });
  });
});
