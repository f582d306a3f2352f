import * as tf from '@tensorflow/tfjs-core';

/**
 * Gradient clipping by global norm, as PyTorch's `clip_grad_norm_`: when the L2 norm of all gradients
 * together is above `maxNorm`, every gradient is scaled by maxNorm / (norm + 1e-6); otherwise they are
 * returned as they are. The caller keeps ownership of `grads`; the clipped tensors are new.
 */
export function clipGradientNorm(grads: Record<string, tf.Tensor>, maxNorm: number): Record<string, tf.Tensor> {
  return tf.tidy(() => {
    const tensors = Object.values(grads);
    if (tensors.length === 0) return {};
    const total = tf.sqrt(tf.addN(tensors.map((g) => tf.sum(tf.square(g)))));
    const scale = tf.minimum(tf.div(maxNorm, tf.add(total, 1e-6)), 1);
    return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)]));
  });
}
