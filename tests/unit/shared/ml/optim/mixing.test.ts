import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizerConfigSchema, type OptimizerConfigInput } from '../../../../../shared/config/optimizerConfig.js';
import { createOptimizer } from '../../../../../shared/ml/optim/createOptimizer.js';
import { RuleOptimizer } from '../../../../../shared/ml/optim/ruleOptimizer.js';
import { assertClose } from './goldenHarness.js';
import { blockParams, cloneParams, disposeParams, runSteps, values } from './testParams.js';

/** Parameters after `steps` seeded steps of the optimizer a config describes. */
function trajectoryEnd(input: OptimizerConfigInput, steps = 5): Record<string, Float32Array> {
  const params = blockParams(['a', 'b']);
  const optimizer = createOptimizer(optimizerConfigSchema.parse(input), params);
  runSteps(optimizer, params, steps);
  const out = values(params);
  optimizer.dispose();
  disposeParams(params);
  return out;
}

function assertSame(a: Record<string, Float32Array>, b: Record<string, Float32Array>, what: string) {
  for (const name of Object.keys(a)) assertClose(a[name], Array.from(b[name]), `${what}: ${name}`);
}

function assertDiffers(a: Record<string, Float32Array>, b: Record<string, Float32Array>, what: string) {
  const differs = Object.keys(a).some((name) => a[name].some((x, i) => Math.abs(x - b[name][i]) > 1e-5));
  assert.ok(differs, `${what}: expected different parameters`);
}

describe('mixers and MAS variants', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('MAS is the K = 2 mixer of SGD (weight λs) and Adam (weight λa)', () => {
    const sgd = { type: 'sgd', lr: 0.02, momentum: 0.9, nesterov: true, weightDecay: 0.01 } as const;
    const adam = { type: 'adam', lr: 0.02, amsgrad: true, weightDecay: 0.01 } as const;
    const mas = trajectoryEnd({ type: 'mas', lr: 0.02, momentum: 0.9, nesterov: true, amsgrad: true, weightDecay: 0.01, lambdaSgd: 0.7, lambdaAdam: 0.3 });
    const mixer = trajectoryEnd({ type: 'mixer', parts: [{ weight: 0.7, optimizer: sgd }, { weight: 0.3, optimizer: adam }] });
    assertSame(mas, mixer, 'MAS vs mixer');
    // and it is neither of its parts alone, nor their weighted sum of finished steps
    assertDiffers(mas, trajectoryEnd(adam), 'MAS vs Adam');
    assertDiffers(mas, trajectoryEnd(sgd), 'MAS vs SGD');
  });

  it('a one-part mixer with weight 1 is that optimizer', () => {
    const rmsprop = { type: 'rmsprop', lr: 0.01, centered: true, momentum: 0.5 } as const;
    assertSame(trajectoryEnd({ type: 'mixer', parts: [{ weight: 1, optimizer: rmsprop }] }), trajectoryEnd(rmsprop), 'mixer of one');
  });

  it('linear MAS with γ = 1 is standard MAS; γ scales the first step', () => {
    assertSame(trajectoryEnd({ type: 'mas', variant: 'linear', gamma: 1 }), trajectoryEnd({ type: 'mas' }), 'γ = 1');
    const start = values(blockParams(['a', 'b']));
    const one = trajectoryEnd({ type: 'mas' }, 1);
    const scaled = trajectoryEnd({ type: 'mas', variant: 'linear', gamma: 0.6 }, 1);
    for (const name of Object.keys(start)) {
      const expected = Array.from(start[name], (w, i) => w + 0.6 * (one[name][i] - w));
      assertClose(scaled[name], expected, `γ = 0.6 ${name}`);
    }
  });

  it('vector-combination: p = 1 is Adam, p = 0 is SGD, p = 0.5 moves half the coordinates by each', () => {
    const common = { type: 'mas', lr: 0.01, momentum: 0.9 } as const;
    const adam = { type: 'adam', lr: 0.01 } as const;
    const sgd = { type: 'sgd', lr: 0.01, momentum: 0.9 } as const;
    assertSame(trajectoryEnd({ ...common, variant: 'vector-combination', adamFraction: 1 }), trajectoryEnd(adam), 'p = 1');
    assertSame(trajectoryEnd({ ...common, variant: 'vector-combination', adamFraction: 0 }), trajectoryEnd(sgd), 'p = 0');

    const half = trajectoryEnd({ ...common, variant: 'vector-combination', adamFraction: 0.5, maskSeed: 3 });
    const byAdam = trajectoryEnd(adam);
    const bySgd = trajectoryEnd(sgd);
    for (const name of Object.keys(half)) {
      let adamCount = 0;
      half[name].forEach((x, i) => {
        const isAdam = Math.abs(x - byAdam[name][i]) <= 1e-6;
        const isSgd = Math.abs(x - bySgd[name][i]) <= 1e-6;
        assert.ok(isAdam !== isSgd, `${name}[${i}] follows exactly one of the two`);
        if (isAdam) adamCount++;
      });
      assert.equal(adamCount, 6, `${name}: half of 12 coordinates take Adam's step`);
    }
    assertSame(half, trajectoryEnd({ ...common, variant: 'vector-combination', adamFraction: 0.5, maskSeed: 3 }), 'same seed, same mask');
    assertDiffers(half, trajectoryEnd({ ...common, variant: 'vector-combination', adamFraction: 0.5, maskSeed: 4 }), 'other seed');
  });

  it('adam-normalized: each tensor moves along the SGD direction by the length of Adam step', () => {
    const params = blockParams(['a']);
    const start = params[0].variable.dataSync().slice();
    const adamParams = cloneParams(params);
    const optimizer = createOptimizer(optimizerConfigSchema.parse({ type: 'mas', variant: 'adam-normalized', lr: 0.01 }), params);
    const adam = createOptimizer(optimizerConfigSchema.parse({ type: 'adam', lr: 0.01 }), adamParams);
    const g = tf.tensor2d([[1, -2, 3], [0.5, 0, -1], [2, 2, -2], [0.1, 0.2, 0.3]]);
    optimizer.step({ 'a/w': g });
    adam.step({ 'a/w': g });
    const moved = Array.from(params[0].variable.dataSync(), (w, i) => w - start[i]);
    const adamMoved = Array.from(adamParams[0].variable.dataSync(), (w, i) => w - start[i]);
    const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    assert.ok(Math.abs(norm(moved) - norm(adamMoved)) < 1e-6, 'same length as Adam step');
    const gv = Array.from(g.dataSync());
    const cos = -moved.reduce((s, x, i) => s + x * gv[i], 0) / (norm(moved) * norm(gv));
    assert.ok(cos > 1 - 1e-5, `along −g (cos ${cos})`);
    g.dispose();
    optimizer.dispose();
    adam.dispose();
    disposeParams(params);
    disposeParams(adamParams);
  });

  it('a λ schedule moves MAS from its start weights to its end weights', () => {
    const sgdOnly = trajectoryEnd({ type: 'mas', lambdaAdam: 0, lambdaSgd: 1 }, 1);
    const scheduled = trajectoryEnd({ type: 'mas', lambdaAdam: 0, lambdaSgd: 1, lambdaSchedule: { lambdaAdamEnd: 1, lambdaSgdEnd: 0, steps: 10 } }, 1);
    assertSame(scheduled, sgdOnly, 'step 1 uses the start weights');
  });

  it('keeps each part state apart under its prefix', () => {
    const params = blockParams(['a']);
    const config = optimizerConfigSchema.parse({ type: 'mas', momentum: 0.9, amsgrad: true });
    const optimizer = createOptimizer(config, params) as RuleOptimizer;
    runSteps(optimizer, params, 2);
    const keys = Object.keys(optimizer.paramState('a/w')?.tensors ?? {}).sort();
    assert.deepEqual(keys, ['adam.exp_avg', 'adam.exp_avg_sq', 'adam.max_exp_avg_sq', 'sgd.momentum_buffer']);
    assert.equal(optimizer.paramState('a/w')?.step, 2);
    optimizer.dispose();
    disposeParams(params);
  });
});
