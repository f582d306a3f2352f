import * as tf from '@tensorflow/tfjs-core';
import type { Surface } from './surface.js';

/**
 * Seed 000's first toy example (Eq. 26–28): fit p_i = w1·(w2·x_i) to x = [1, 2], y = [2, 4]. The paper
 * prints the loss as Σ(p_i − y_i²), which has no minimum; this is the squared error it plots,
 * L = Σ(w1·w2·x_i − y_i)², zero on the hyperbola w1·w2 = 2; `minimum` is (√2, √2). The paper gives no
 * start point: (0.5, 0.25) is this app's choice.
 */
export const productFit: Surface = {
  name: 'product-fit',
  title: 'Seed 000 toy fit w1·w2·x ≈ y',
  loss: (xy) =>
    tf.tidy(() => {
      const [w1, w2] = tf.unstack(xy);
      const w = tf.mul(w1, w2);
      return tf.add(tf.square(tf.sub(w, 2)), tf.square(tf.sub(tf.mul(w, 2), 4))) as tf.Scalar;
    }),
  value: (w1, w2) => (w1 * w2 - 2) ** 2 + (2 * w1 * w2 - 4) ** 2,
  minimum: [Math.SQRT2, Math.SQRT2],
  start: [0.5, 0.25],
  defaultLr: 0.01,
  defaultSteps: 100,
  view: [-0.5, 3, -0.5, 3],
};
