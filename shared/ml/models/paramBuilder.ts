import * as tf from '@tensorflow/tfjs-core';
import './gradients/registerTfjsGradients.js';
import { createRandom } from '../random.js';
import type { ModelBlock, ModelLayer, ModelParam } from './model.js';

/** How a parameter starts (PyTorch's defaults for each layer kind). */
export type Init =
  /** kaiming_uniform(a=√5): U(±1/√fanIn), nn.Linear/nn.Conv2d weights. */
  | { kind: 'kaiming-uniform'; fanIn: number }
  /** U(±1/√fanIn): nn.Linear/nn.Conv2d biases. */
  | { kind: 'fan-in-uniform'; fanIn: number }
  | { kind: 'uniform'; bound: number }
  | { kind: 'normal'; std: number }
  | { kind: 'truncated-normal'; std: number }
  | { kind: 'zeros' }
  | { kind: 'ones' };

/**
 * Creates a model's variables in order, each from its own seed derived from the model's seed, so a
 * model is the same for the same seed (on one backend) and different for another seed.
 * Collects params (trainable), state (non-trainable) and layer descriptions by block.
 */
export class ParamBuilder {
  readonly params: ModelParam[] = [];
  readonly state: ModelParam[] = [];
  readonly layers: ModelLayer[] = [];
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = createRandom(seed ^ 0x5eed);
  }

  private nextSeed(): number {
    return Math.floor(this.random() * 2 ** 31);
  }

  private initial(shape: number[], init: Init): tf.Tensor {
    const seed = this.nextSeed();
    switch (init.kind) {
      case 'kaiming-uniform':
      case 'fan-in-uniform': {
        // kaiming_uniform with a=√5: gain √(2/(1+5)), bound gain·√(3/fanIn) = 1/√fanIn.
        const bound = init.fanIn > 0 ? 1 / Math.sqrt(init.fanIn) : 0;
        return tf.randomUniform(shape, -bound, bound, 'float32', seed);
      }
      case 'uniform':
        return tf.randomUniform(shape, -init.bound, init.bound, 'float32', seed);
      case 'normal':
        return tf.tensor(normalValues(shape.reduce((a, b) => a * b, 1), init.std, seed), shape);
      case 'truncated-normal':
        return tf.truncatedNormal(shape, 0, init.std, 'float32', seed);
      case 'zeros':
        return tf.zeros(shape);
      case 'ones':
        return tf.ones(shape);
    }
  }

  /** A trainable parameter `name` of `block`. */
  param(block: string, name: string, shape: number[], init: Init): tf.Variable {
    const initial = this.initial(shape, init);
    const variable = tf.variable(initial, true);
    initial.dispose();
    this.params.push({ name, block, variable });
    return variable;
  }

  /** A non-trainable tensor the forward pass updates (e.g. batch-norm running statistics). */
  stateTensor(block: string, name: string, shape: number[], init: Init): tf.Variable {
    const initial = this.initial(shape, init);
    const variable = tf.variable(initial, false);
    initial.dispose();
    this.state.push({ name, block, variable });
    return variable;
  }

  layer(layer: ModelLayer): void {
    this.layers.push(layer);
  }

  /** Blocks in the order their first parameter was created. */
  blocks(): ModelBlock[] {
    const byName = new Map<string, ModelBlock>();
    for (const p of this.params) {
      let block = byName.get(p.block);
      if (!block) {
        block = { name: p.block, paramNames: [], paramCount: 0 };
        byName.set(p.block, block);
      }
      block.paramNames.push(p.name);
      block.paramCount += p.variable.size;
    }
    return [...byName.values()];
  }
}

/**
 * N(0, std²) samples by Box–Muller over the seeded generator: several times faster than
 * `tf.randomNormal` on the cpu backend, which matters for BERT-base's 110 million.
 */
function normalValues(count: number, std: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const radius = std * Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

/** Parameter count of a list of variables. */
export function countParams(variables: tf.Variable[]): number {
  return variables.reduce((n, v) => n + v.size, 0);
}
