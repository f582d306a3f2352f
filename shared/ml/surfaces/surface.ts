import type * as tf from '@tensorflow/tfjs-core';

/** A 2-D loss surface z = f(x, y) optimised by the point model (seed 000, Fig. 3–5). */
export interface Surface {
  name: string;
  title: string;
  /** z for a [2] tensor (x, y). */
  loss(xy: tf.Tensor): tf.Scalar;
  /** z for plain numbers, for contour plots. */
  value(x: number, y: number): number;
  minimum: [number, number];
  /** The paper's start point. */
  start: [number, number];
  /** The paper's learning rate and number of steps. */
  defaultLr: number;
  defaultSteps: number;
  /** A window that shows the start, the minimum and the paths: [xMin, xMax, yMin, yMax]. */
  view: [number, number, number, number];
}
