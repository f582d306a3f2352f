/**
 * Every optimizer of the catalog (SWATS aside: it reads values synchronously in its step, so a SWATS
 * run never trains on webgpu), each MAS variant, a K-way mixer with a λ schedule and a fusion plan
 * take the same steps on the webgpu backend as on the cpu backend, to float32 precision: the update
 * rules' ops all have WebGPU kernels, and Adam without the native fused kernel is the op composition.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { probeWebgpu, useWebgpuBackend } from '../../../main/backend/webgpuBackend.js';
import { optimizerConfigSchema, type OptimizerConfigInput } from '../../../shared/config/optimizerConfig.js';
import type { ModelParam } from '../../../shared/ml/models/model.js';
import { createOptimizer } from '../../../shared/ml/optim/createOptimizer.js';
import { optimizerCatalog } from '../../../shared/ml/optim/optimizerCatalog.js';
import { masVariants } from '../../../shared/ml/optim/optimizers/mas.js';
import { createRandom } from '../../../shared/ml/random.js';

const shapes: Record<string, number[]> = { 'a/w': [16, 8], 'a/b': [8], 'b/w': [8, 4] };

function seeded(length: number, seed: number, scale = 1): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => (random() * 2 - 1) * scale);
}

/** The parameters after 4 steps of fixed gradients (growing and shrinking, with some exact zeros), on the current backend. */
async function trajectoryEnd(input: OptimizerConfigInput): Promise<Record<string, Float32Array>> {
  const params: ModelParam[] = Object.entries(shapes).map(([name, shape], i) => ({
    name,
    block: name.split('/')[0],
    variable: tf.variable(tf.tensor(seeded(shape.reduce((x, y) => x * y, 1), 10 + i), shape)),
  }));
  const optimizer = createOptimizer(optimizerConfigSchema.parse(input), params, ['a', 'b']);
  for (let step = 0; step < 4; step++) {
    const grads = Object.fromEntries(
      params.map((p, i) => {
        const values = seeded(p.variable.size, 100 * step + i, [1, 3, 0.2, 1][step]);
        values[0] = 0;
        return [p.name, tf.tensor(values, p.variable.shape)];
      }),
    );
    optimizer.setLearningRateFactor(1 - 0.1 * step);
    optimizer.step(grads);
    tf.dispose(Object.values(grads));
  }
  const out = Object.fromEntries(await Promise.all(params.map(async (p) => [p.name, (await p.variable.data()) as Float32Array] as const)));
  optimizer.dispose();
  for (const p of params) p.variable.dispose();
  return out;
}

const configs: { name: string; config: OptimizerConfigInput }[] = [
  ...optimizerCatalog.filter((o) => o.type !== 'swats').map((o) => ({ name: o.type, config: { type: o.type, lr: 0.01 } as OptimizerConfigInput })),
  { name: 'sgd, nesterov momentum and weight decay', config: { type: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 } },
  { name: 'adam, amsgrad', config: { type: 'adam', lr: 0.01, amsgrad: true, weightDecay: 0.01 } },
  ...masVariants.map((variant) => ({ name: `mas ${variant}`, config: { type: 'mas', lr: 0.01, momentum: 0.9, variant } as OptimizerConfigInput })),
  {
    name: 'mixer of SGD, Adam and RMSprop with a λ schedule',
    config: {
      type: 'mixer',
      parts: [
        { weight: 0.5, optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 } },
        { weight: 0.3, optimizer: { type: 'adam', lr: 0.01 } },
        { weight: 0.2, optimizer: { type: 'rmsprop', lr: 0.01 } },
      ],
      weightSchedule: { shape: 'linear', endWeights: [0.2, 0.4, 0.4], steps: 4 },
    } as OptimizerConfigInput,
  },
  {
    name: 'fusion plan: AdamW on block a, SGD on block b',
    config: {
      type: 'fusion',
      groups: [
        { blocks: ['a'], optimizer: { type: 'adamw', lr: 0.01, weightDecay: 0.05 } },
        { blocks: ['b'], optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 } },
      ],
    },
  },
];

describe('optimizers on webgpu equal the cpu backend', { timeout: 300_000 }, () => {
  before(async () => {
    const probe = await probeWebgpu();
    assert.ok(probe.ok, `a WebGPU adapter (lavapipe on CI): ${probe.ok ? '' : probe.reason}`);
    assert.equal(await useWebgpuBackend(probe), null);
  });

  for (const { name, config } of configs) {
    it(name, async () => {
      const parsed = optimizerConfigSchema.safeParse(config);
      assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
      await tf.setBackend('cpu');
      const want = await trajectoryEnd(config);
      assert.ok(await tf.setBackend('webgpu'));
      assert.equal(tf.getBackend(), 'webgpu');
      const got = await trajectoryEnd(config);
      for (const [param, values] of Object.entries(want)) {
        values.forEach((v, i) => {
          const error = Math.abs(got[param][i] - v);
          assert.ok(error <= 1e-5 * Math.max(1, Math.abs(v)), `${param}[${i}]: webgpu ${got[param][i]}, cpu ${v}`);
        });
      }
    });
  }
});
