import * as tf from '@tensorflow/tfjs-core';
import type { Surface } from './surface.js';

/** z = |x|/10 + |y| (seed 000, Fig. 5), minimum at (0, 0). */
export const absRidge: Surface = {
  name: 'abs-ridge',
  title: '|x|/10 + |y|',
  loss: (xy) =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(xy);
      return tf.add(tf.div(tf.abs(x), 10), tf.abs(y)) as tf.Scalar;
    }),
  value: (x, y) => Math.abs(x) / 10 + Math.abs(y),
  minimum: [0, 0],
  start: [3, 2],
  defaultLr: 0.01,
  defaultSteps: 400,
  view: [-0.5, 3.5, -0.5, 2.5],
};
