import * as tf from '@tensorflow/tfjs-core';
import type { Surface } from './surface.js';

/** Beale's function: z = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum at (3, 0.5). */
export const beale: Surface = {
  name: 'beale',
  title: 'Beale',
  loss: (xy) =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(xy);
      const term = (c: number, power: number) => tf.square(tf.add(tf.sub(c, x), tf.mul(x, tf.pow(y, power))));
      return tf.add(tf.add(term(1.5, 1), term(2.25, 2)), term(2.625, 3)) as tf.Scalar;
    }),
  value: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
  minimum: [3, 0.5],
  start: [1, 1.5],
  defaultLr: 1e-3,
  defaultSteps: 1000,
  view: [-0.5, 4, -1, 2],
};
