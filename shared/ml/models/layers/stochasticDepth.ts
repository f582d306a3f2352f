import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from './layer.js';

/**
 * Stochastic depth in torchvision's "row" mode (Huang et al. 2016): in training, each sample's
 * residual branch is dropped with probability `rate` and kept scaled by 1/(1 − rate); the identity
 * in evaluation. Seeded per call from a counter so runs repeat.
 */
export function stochasticDepth(inputShape: number[], rate: number, seed: number): Layer {
  let calls = 0;
  return {
    outputShape: inputShape,
    apply(x, training) {
      if (!training || rate <= 0) return x;
      calls += 1;
      const keep = 1 - rate;
      const shape = [x.shape[0], ...inputShape.map(() => 1)];
      const mask = tf.div(tf.floor(tf.add(tf.randomUniform(shape, 0, 1, 'float32', seed * 1_000_003 + calls), keep)), keep);
      return tf.mul(x, mask);
    },
  };
}
