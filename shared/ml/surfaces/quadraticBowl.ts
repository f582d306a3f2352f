import * as tf from '@tensorflow/tfjs-core';
import type { Surface } from './surface.js';

/** An ill-conditioned quadratic bowl z = x²/2 + 10·y² (condition number 20), minimum at (0, 0). */
export const quadraticBowl: Surface = {
  name: 'quadratic-bowl',
  title: 'Quadratic bowl x²/2 + 10y²',
  loss: (xy) =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(xy);
      return tf.add(tf.mul(0.5, tf.square(x)), tf.mul(10, tf.square(y))) as tf.Scalar;
    }),
  value: (x, y) => 0.5 * x * x + 10 * y * y,
  minimum: [0, 0],
  start: [3, 1],
  defaultLr: 0.05,
  defaultSteps: 200,
  view: [-3.5, 3.5, -1.5, 1.5],
};
