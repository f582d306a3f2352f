import * as tf from '@tensorflow/tfjs-core';

/**
 * Softmax over the last axis as exp(x − max) / Σ exp(x − max), with the gradient written out
 * (dx = y·(dy − Σ dy·y)). The cpu backend's own Softmax kernel is several times slower than these
 * elementwise kernels on attention-sized inputs.
 */
export const softmaxLastAxis: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const x = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  const e = tf.exp(tf.sub(x, tf.max(x, -1, true)));
  const y = tf.div(e, tf.sum(e, -1, true));
  save([y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [out] = saved;
      return tf.mul(out, tf.sub(dy, tf.sum(tf.mul(dy, out), -1, true)));
    },
  };
});
