import * as tf from '@tensorflow/tfjs-core';

const invSqrt2 = Math.SQRT1_2;
const invSqrt2Pi = 1 / Math.sqrt(2 * Math.PI);

/**
 * A kernel of the fast CPU path (registered with its gradient `OptlabGeluGrad` when the native
 * kernels are built): exact GELU {x} → x·Φ(x) in one vectorised pass.
 */
export const geluKernelName = 'OptlabGelu';

/** GELU as tfjs ops (any backend), with its gradient written out. */
export const geluReference: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const x = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  const cdf = tf.mul(tf.add(tf.erf(tf.mul(x, invSqrt2)), 1), 0.5);
  save([x, cdf]);
  return {
    value: tf.mul(x, cdf),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [input, phi] = saved;
      const density = tf.mul(tf.exp(tf.mul(tf.square(input), -0.5)), invSqrt2Pi);
      return tf.mul(dy, tf.add(phi, tf.mul(input, density)));
    },
  };
});

/**
 * GELU, exact: x·Φ(x) = x/2·(1 + erf(x/√2)), as nn.GELU's default (approximate='none') used by
 * torchvision's ViT and BERT. Gradient dy·(Φ(x) + x·φ(x)), φ(x) = e^(−x²/2)/√(2π). One native kernel
 * where the active backend has it, else tfjs ops.
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  if (x.dtype === 'float32' && tf.getKernel(geluKernelName, tf.getBackend()) !== undefined) {
    return tf.engine().runKernel(geluKernelName, { x }, {}) as tf.Tensor;
  }
  return geluReference(x);
}
