import * as tf from '@tensorflow/tfjs-core';
import type { Surface } from './surface.js';

/**
 * Seed 000's Eq. 29 exactly as printed: z = (a − y)² + b·(y − x²)² with a = 1, b = 100 (the classic
 * Rosenbrock function has (a − x)²). Minima at (±1, 1); `minimum` is (1, 1), on the start's side.
 */
export const rosenbrockEq29: Surface = {
  name: 'rosenbrock-eq29',
  title: 'Rosenbrock as printed in seed 000 Eq. 29: (1 − y)² + 100·(y − x²)²',
  loss: (xy) =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(xy);
      return tf.add(tf.square(tf.sub(1, y)), tf.mul(100, tf.square(tf.sub(y, tf.square(x))))) as tf.Scalar;
    }),
  value: (x, y) => (1 - y) ** 2 + 100 * (y - x * x) ** 2,
  minimum: [1, 1],
  start: [3, 1],
  defaultLr: 1e-4,
  defaultSteps: 1000,
  view: [-1, 3.5, -1, 9.5],
};
