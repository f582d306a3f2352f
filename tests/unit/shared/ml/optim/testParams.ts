import * as tf from '@tensorflow/tfjs-core';
import type { ModelParam } from '../../../../../shared/ml/models/model.js';
import type { Optimizer } from '../../../../../shared/ml/optim/optimizer.js';

/** A variable with seeded normal values (the initial tensor is disposed). */
export function seededVariable(shape: number[], seed: number): tf.Variable {
  const init = tf.randomNormal(shape, 0, 1, 'float32', seed);
  const v = tf.variable(init);
  init.dispose();
  return v;
}

/** Parameters in named blocks: `${block}/w` of shape [4, 3] for each block. */
export function blockParams(blocks: string[], seed = 1): ModelParam[] {
  return blocks.map((block, i) => ({ name: `${block}/w`, block, variable: seededVariable([4, 3], seed + i) }));
}

/** The same parameters again (same names, blocks and values), as fresh variables. */
export function cloneParams(params: ModelParam[]): ModelParam[] {
  return params.map((p) => ({ ...p, variable: tf.variable(p.variable.clone()) }));
}

function nameSeed(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 100_000;
  return h;
}

/** Runs `steps` steps with seeded gradients (the same sequence for the same seed and parameter name). */
export function runSteps(optimizer: Optimizer, params: ModelParam[], steps: number, seed = 7): void {
  for (let s = 0; s < steps; s++) {
    const grads: Record<string, tf.Tensor> = {};
    params.forEach((p) => {
      grads[p.name] = tf.randomNormal(p.variable.shape, 0, 1 + s * 0.3, 'float32', seed + 1000 * s + nameSeed(p.name));
    });
    optimizer.step(grads);
    tf.dispose(Object.values(grads));
  }
}

export function values(params: ModelParam[]): Record<string, Float32Array> {
  return Object.fromEntries(params.map((p) => [p.name, p.variable.dataSync() as Float32Array]));
}

export function disposeParams(params: ModelParam[]): void {
  for (const p of params) p.variable.dispose();
}
