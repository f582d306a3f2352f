import * as tf from '@tensorflow/tfjs-core';
import './gradients/registerTfjsGradients.js';
import type { Model } from './model.js';
import { z } from 'zod';
import { defineModel } from './modelDefinition.js';

/**
 * The 2-parameter "point" model for toy loss surfaces (seed 000's Rosenbrock and |x|/10 + |y|): one
 * trainable [2] parameter `point/xy` in block `point`, starting at `start`.
 *
 * How the trainer uses it: there is no data and no classification. Each step it evaluates the
 * surface's loss f(xy) on `params[0].variable` (inside `tf.variableGrads`), hands the gradient keyed
 * `point/xy` to the optimizer, and records the loss and the point. `forward` ignores its input and
 * returns the point as a [1, 2] tensor, for code that treats every model alike.
 */
export function createPointModel(start: [number, number] = [0, 0]): Model {
  const xy = tf.variable(tf.tensor1d(start, 'float32'), true);
  let disposed = false;
  return {
    kind: 'point',
    params: [{ name: 'point/xy', block: 'point', variable: xy }],
    blocks: [{ name: 'point', paramNames: ['point/xy'], paramCount: 2 }],
    state: [],
    inputShape: [2],
    layers: [{ name: 'point', block: 'point', kind: 'point', outputShape: [2], paramCount: 2 }],
    forward: () => tf.reshape(xy, [1, 2]),
    dispose() {
      if (disposed) return;
      disposed = true;
      xy.dispose();
    },
  };
}

export const pointModel = defineModel({
  schema: z.strictObject({ kind: z.literal('point') }),
  title: 'Point (x, y)',
  description: 'The 2 parameters of a surface.',
  input: 'surface',
  backendNeeds: { convolutions: false, embeddingGradients: false },
  blocks: () => ['point'],
  build: (_config, _inputShape, _classes, _seed, options) => createPointModel(options.pointStart),
});
