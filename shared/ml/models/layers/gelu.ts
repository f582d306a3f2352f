import * as tf from '@tensorflow/tfjs-core';

const invSqrt2 = Math.SQRT1_2;
const invSqrt2Pi = 1 / Math.sqrt(2 * Math.PI);

/**
 * GELU, exact: x·Φ(x) = x/2·(1 + erf(x/√2)), as nn.GELU's default (approximate='none') used by
 * torchvision's ViT and BERT. Gradient written out: dy·(Φ(x) + x·φ(x)), φ(x) = e^(−x²/2)/√(2π).
 */
export const gelu: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
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
