import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { optimizerConfigSchema } from '../../../../shared/config/optimizerConfig.js';
import type { ModelParam } from '../../../../shared/ml/models/model.js';
import { createOptimizer } from '../../../../shared/ml/optim/createOptimizer.js';
import { createUpdateRule } from '../../../../shared/ml/optim/createUpdateRule.js';
import { optimizerStepKernelName } from '../../../../shared/ml/optim/fusedStep.js';
import { registerFastCpuKernels } from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { loadGolden, runGoldenCase } from '../../shared/ml/optim/goldenHarness.js';
import { randomTensor, skipReason } from './kernelHarness.js';

const golden = loadGolden();
/** The optimizers whose step has a fused form (mixes of SGD and Adam parts). */
const fusedCases = golden.cases
  .map((c, index) => ({ c, index }))
  .filter(({ c }) => {
    const config = optimizerConfigSchema.parse(c.config);
    return config.type !== 'fusion' && createUpdateRule(config).fused?.({ step: 1, lrFactor: 1, name: 'w' }) !== undefined;
  });

/** Counts the calls of the one-call kernel while `body` runs. */
function countFusedCalls(body: () => void): number {
  let calls = 0;
  const kernel = tf.getKernel(optimizerStepKernelName, 'cpu')!;
  tf.unregisterKernel(optimizerStepKernelName, 'cpu');
  tf.registerKernel({ ...kernel, kernelFunc: (args) => (calls++, kernel.kernelFunc(args)) });
  try {
    body();
  } finally {
    tf.unregisterKernel(optimizerStepKernelName, 'cpu');
    tf.registerKernel(kernel);
  }
  return calls;
}

/** Runs `steps` steps of an optimizer over fresh copies of `initial` with the same gradients; the weights and state after each. */
function trajectory(config: unknown, initial: Record<string, tf.Tensor>, grads: Record<string, tf.Tensor>[], fused: boolean): Float32Array[][] {
  const kernel = tf.getKernel(optimizerStepKernelName, 'cpu')!;
  if (!fused) tf.unregisterKernel(optimizerStepKernelName, 'cpu');
  const params: ModelParam[] = Object.entries(initial).map(([name, t]) => ({ name, block: name, variable: tf.variable(t.clone(), true, `${name}_${Math.random()}`) }));
  const optimizer = createOptimizer(optimizerConfigSchema.parse(config), params);
  const out: Float32Array[][] = [];
  try {
    for (const g of grads) {
      optimizer.step(g);
      const values = params.map((p) => Float32Array.from(p.variable.dataSync()));
      for (const t of optimizer.stateTensors()) values.push(Float32Array.from(t.dataSync()));
      out.push(values);
    }
  } finally {
    if (!fused) tf.registerKernel(kernel);
    optimizer.dispose();
    for (const p of params) p.variable.dispose();
  }
  return out;
}

describe('the one-call optimizer step (native)', { skip: skipReason }, () => {
  it('is registered, and SGD, Adam, AdamW, MAS (standard, linear) and the SGD/Adam mixers have a fused form', () => {
    assert.ok(tf.getKernel(optimizerStepKernelName, tf.getBackend()));
    const types = new Set(fusedCases.map(({ c }) => String(c.config.type)));
    for (const type of ['sgd', 'adam', 'adamw', 'mas', 'mixer']) assert.ok(types.has(type), type);
    assert.ok(!fusedCases.some(({ c }) => c.config.variant === 'direction-correction' || c.config.type === 'radam'));
  });

  for (const { c, index } of fusedCases) {
    it(`${c.name} follows PyTorch's golden trajectory in one kernel call per step`, () => {
      const config = optimizerConfigSchema.parse(c.config);
      const calls = countFusedCalls(() => runGoldenCase(golden, index, (params) => createOptimizer(config, params)));
      assert.equal(calls, golden.steps, 'one call per step');
    });
  }

  it('equals the per-parameter rules bit for bit on larger tensors, every fused optimizer, over 6 steps', () => {
    const initial = { w: randomTensor([37, 29]), b: randomTensor([29]) };
    const grads = Array.from({ length: 6 }, () => ({ w: randomTensor([37, 29]), b: randomTensor([29]) }));
    try {
      for (const { c } of fusedCases) {
        let fast: Float32Array[][] = [];
        assert.equal(countFusedCalls(() => (fast = trajectory(c.config, initial, grads, true))), grads.length, `${c.name}: fused`);
        const reference = trajectory(c.config, initial, grads, false);
        fast.forEach((values, step) =>
          values.forEach((v, k) => assert.deepEqual(v, reference[step][k], `${c.name}: tensor ${k} after step ${step + 1}`)),
        );
      }
    } finally {
      tf.dispose([...Object.values(initial), ...grads.flatMap((g) => Object.values(g))]);
    }
  });

  it('updates shared buffers by copy: a tensor that shares a weight’s buffer keeps its values', () => {
    const initial = tf.tensor([1, 2, 3, 4], [4]);
    const variable = tf.variable(initial, true, `shared_${Math.random()}`); // shares initial's buffer
    const optimizer = createOptimizer(optimizerConfigSchema.parse({ type: 'sgd', lr: 0.5 }), [{ name: 'w', block: 'w', variable }]);
    const grad = tf.tensor([1, 1, 1, 1], [4]);
    optimizer.step({ w: grad });
    assert.deepEqual([...initial.dataSync()], [1, 2, 3, 4]);
    assert.deepEqual([...variable.dataSync()], [0.5, 1.5, 2.5, 3.5]);
    tf.dispose([initial, variable, grad]);
    optimizer.dispose();
  });

  it('leaks no tensors across steps', () => {
    const params: ModelParam[] = [{ name: 'w', block: 'w', variable: tf.variable(randomTensor([8, 8]), true, `leak_${Math.random()}`) }];
    const optimizer = createOptimizer(optimizerConfigSchema.parse({ type: 'mas', lr: 0.01, momentum: 0.9, amsgrad: true }), params);
    const grad = randomTensor([8, 8]);
    optimizer.step({ w: grad });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) optimizer.step({ w: grad });
    assert.equal(tf.memory().numTensors, before);
    optimizer.dispose();
    tf.dispose([grad, params[0].variable]);
  });

  it('registration is idempotent and keeps the kernel', () => {
    assert.ok(registerFastCpuKernels().ok);
    assert.ok(tf.getKernel(optimizerStepKernelName, 'cpu'));
  });
});
