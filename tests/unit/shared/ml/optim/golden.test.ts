import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema } from '../../../../../shared/config/optimizerConfig.js';
import { createOptimizer } from '../../../../../shared/ml/optim/createOptimizer.js';
import { assertClose, loadGolden, runGoldenCase } from './goldenHarness.js';

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

describe('the golden references agree with each other', () => {
  it('the written-out MAS with λa = 1, λs = 0 is torch.optim.Adam; with λa = 0, λs = 1 it is torch.optim.SGD', () => {
    const byName = (name: string) => {
      const c = golden.cases.find((x) => x.name === name);
      assert.ok(c, name);
      return c;
    };
    const same = (a: string, b: string) =>
      byName(a).expected.forEach((step, i) => {
        for (const name of Object.keys(step)) assertClose(step[name], byName(b).expected[i][name], `${a} vs ${b}: step ${i + 1} ${name}`);
      });
    same('mas pure adam', 'adam default');
    same('mas pure sgd momentum', 'sgd momentum');
  });
});
