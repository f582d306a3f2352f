import * as tf from '@tensorflow/tfjs-core';
import type { Surface } from './surface.js';

/**
 * Himmelblau's function: z = (x² + y − 11)² + (x + y² − 7)², four minima of value 0; `minimum` is
 * (3, 2), the one nearest the default start.
 */
export const himmelblau: Surface = {
  name: 'himmelblau',
  title: 'Himmelblau',
  loss: (xy) =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(xy);
      return tf.add(tf.square(tf.sub(tf.add(tf.square(x), y), 11)), tf.square(tf.sub(tf.add(x, tf.square(y)), 7))) as tf.Scalar;
    }),
  value: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  minimum: [3, 2],
  start: [0, 0],
  defaultLr: 1e-3,
  defaultSteps: 500,
  view: [-5, 5, -5, 5],
};
