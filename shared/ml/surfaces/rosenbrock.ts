import * as tf from '@tensorflow/tfjs-core';
import type { Surface } from './surface.js';

/** Rosenbrock's function with a = 1, b = 100: z = (a − x)² + b·(y − x²)², minimum at (1, 1). */
export const rosenbrock: Surface = {
  name: 'rosenbrock',
  title: 'Rosenbrock (a = 1, b = 100)',
  loss: (xy) =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(xy);
      return tf.add(tf.square(tf.sub(1, x)), tf.mul(100, tf.square(tf.sub(y, tf.square(x))))) as tf.Scalar;
    }),
  value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  minimum: [1, 1],
  start: [3, 1],
  defaultLr: 1e-4,
  defaultSteps: 1000,
  view: [-1, 3.5, -1, 9.5],
};
