import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { captureAdaptiveTerms } from '../../../../../main/trainingProcess/epsilon/captureAdaptiveTerms.js';
import { optimizerConfigSchema, type OptimizerConfigInput } from '../../../../../shared/config/optimizerConfig.js';
import type { ModelParam } from '../../../../../shared/ml/models/model.js';
import { createOptimizer } from '../../../../../shared/ml/optim/createOptimizer.js';
import { defaultBinSpec } from '../../../../../shared/science/epsilon/logBins.js';
import { percentile } from '../../../../../shared/science/epsilon/percentiles.js';
import { resolveFusionPlan } from '../../../../../shared/ml/optim/fusion/fusionPlan.js';
import { hasAdaptiveTerm, parameterEpsilons, runEpsilon } from '../../../../../shared/science/epsilon/runEpsilon.js';

await tf.setBackend('cpu');

function params(): ModelParam[] {
  return [
    { name: 'b0/w', block: 'b0', variable: tf.variable(tf.tensor2d([0.5, -1, 2, 0.25, 3, -0.75], [2, 3]), true, 'cap_w') },
    { name: 'b1/b', block: 'b1', variable: tf.variable(tf.tensor1d([0.1, -0.2, 0]), true, 'cap_b') },
  ];
}

/** Two steps with fixed gradients (one element of the bias always 0), then a capture. */
async function captureAfterSteps(config: OptimizerConfigInput) {
  const ps = params();
  const optimizer = createOptimizer(optimizerConfigSchema.parse(config), ps, ['b0', 'b1']);
  try {
    for (const scale of [1, 0.5]) {
      const grads = {
        'b0/w': tf.mul(tf.tensor2d([1e-3, 2e-2, -3e-1, 4, -5e-5, 6e-6], [2, 3]), scale),
        'b1/b': tf.mul(tf.tensor1d([1e-2, -1e-4, 0]), scale),
      };
      optimizer.step(grads);
      tf.dispose(Object.values(grads));
    }
    const parsed = optimizerConfigSchema.parse(config);
    return await captureAdaptiveTerms(optimizer, ['b0/w', 'b1/b'], {
      epoch: 1,
      step: 2,
      endOfEpoch: true,
      optimizerType: parsed.type,
      eps: runEpsilon(parsed),
      binSpec: defaultBinSpec,
    });
  } finally {
    optimizer.dispose();
    for (const p of ps) p.variable.dispose();
  }
}

describe('capturing ẑ from the optimizers', () => {
  for (const config of [
    { type: 'adam', lr: 0.01 },
    { type: 'adamw', lr: 0.01 },
    { type: 'rmsprop', lr: 0.01 },
    { type: 'adagrad', lr: 0.01 },
    { type: 'adabelief', lr: 0.01 },
    { type: 'madgrad', lr: 0.01 },
    { type: 'mas', lr: 0.01 },
  ] as OptimizerConfigInput[]) {
    it(`${config.type}: every parameter, percentiles of its ẑ, zeros apart`, async () => {
      const capture = (await captureAfterSteps(config))!;
      assert.ok(capture, 'a capture');
      assert.deepEqual(
        capture.layers.map((l) => [l.layer, l.count]),
        [
          ['b0/w', 6],
          ['b1/b', 3],
        ],
      );
      const bias = capture.layers[1];
      assert.ok(bias.zeroCount >= 1, 'the bias element with a zero gradient has ẑ = 0');
      const weights = capture.layers[0];
      assert.equal(weights.zeroCount, 0);
      assert.ok(weights.p2! <= weights.p50! && weights.p50! <= weights.p98!);
    });
  }

  it('Adam: ẑ = √v̂ exactly as Table 5 gives it', async () => {
    const capture = (await captureAfterSteps({ type: 'adam', lr: 0.01, beta2: 0.999 }))!;
    const g1 = [1e-3, 2e-2, -3e-1, 4, -5e-5, 6e-6];
    const z = g1.map((g) => Math.sqrt((0.999 * 0.001 * g * g + 0.001 * (g / 2) ** 2) / (1 - 0.999 ** 2)));
    const w = capture.layers[0];
    assert.ok(Math.abs(w.p50! - percentile(z, 50)) / percentile(z, 50) < 1e-5);
    assert.ok(Math.abs(w.max! - Math.max(...z)) / Math.max(...z) < 1e-5);
    assert.equal(w.fractionAboveEps, z.filter((v) => v > 1e-8).length / 6);
  });

  it('SGD captures nothing; a fusion plan captures its adaptive group only', async () => {
    assert.equal(await captureAfterSteps({ type: 'sgd', lr: 0.1 }), null);
    assert.equal(hasAdaptiveTerm(optimizerConfigSchema.parse({ type: 'sgd', lr: 0.1 })), false);
    const fusion = {
      type: 'fusion',
      groups: [
        { blocks: ['b0'], optimizer: { type: 'adam', lr: 0.01, eps: 1e-6 } },
        { blocks: ['b1'], optimizer: { type: 'sgd', lr: 0.1 } },
      ],
    } as OptimizerConfigInput;
    const capture = (await captureAfterSteps(fusion))!;
    assert.deepEqual(
      capture.layers.map((l) => l.layer),
      ['b0/w'],
    );
    assert.equal(capture.layers[0].eps, 1e-6);
  });

  it('each parameter is measured at the ε of its own fusion group', async () => {
    const plan = optimizerConfigSchema.parse({
      type: 'fusion',
      groups: [
        { blocks: [0, 0], optimizer: { type: 'adam', lr: 0.01, eps: 1e-6 } },
        { blocks: [1, 1], optimizer: { type: 'rmsprop', lr: 0.01, eps: 1e-3 } },
        { blocks: [2, 2], optimizer: { type: 'sgd', lr: 0.1 } },
      ],
    });
    if (plan.type !== 'fusion') throw new Error('a fusion plan');
    const params = [
      { name: 'b0/w', block: 'b0' },
      { name: 'b1/w', block: 'b1' },
      { name: 'b2/w', block: 'b2' },
    ];
    const eps = parameterEpsilons(plan, params, (names) => resolveFusionPlan(plan, names), ['b0', 'b1', 'b2']);
    assert.deepEqual([...eps], [
      ['b0/w', 1e-6],
      ['b1/w', 1e-3],
      ['b2/w', null],
    ]);
    const adam = parameterEpsilons(optimizerConfigSchema.parse({ type: 'adam', eps: 1e-7 }), params, () => [], []);
    assert.deepEqual([...adam.values()], [1e-7, 1e-7, 1e-7]);
  });
});
