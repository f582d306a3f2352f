import * as tf from '@tensorflow/tfjs-core';
import type { Model } from './model.js';
import type { ParamBuilder } from './paramBuilder.js';
import type { WeightMapping } from '../weights/weightMapping.js';

/**
 * Wraps what a builder collected and a forward function into a `Model`. The forward accepts input
 * [batch, ...inputShape] or, for image models, flattened [batch, h·w·c].
 */
export function assembleModel(
  kind: string,
  builder: ParamBuilder,
  inputShape: number[],
  forward: (x: tf.Tensor, training: boolean) => tf.Tensor,
  weightMapping?: WeightMapping,
): Model {
  const params = builder.params;
  const state = builder.state;
  let disposed = false;
  return {
    kind,
    params,
    blocks: builder.blocks(),
    state,
    inputShape,
    layers: builder.layers,
    weightMapping,
    forward(x, training) {
      if (disposed) throw new Error(`${kind}: forward after dispose`);
      const expected = inputShape.join('x');
      const actual = x.shape.slice(1).join('x');
      const size = inputShape.reduce((a, b) => a * b, 1);
      const flatOk = x.rank === 2 && x.shape[1] === size;
      if (expected !== actual && !flatOk) throw new Error(`${kind}: expected input [batch, ${inputShape.join(', ')}], got [${x.shape.join(', ')}]`);
      return forward(x, training);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const p of params) p.variable.dispose();
      for (const s of state) s.variable.dispose();
    },
  };
}

/** Reshapes flat image input [batch, h·w·c] to NHWC when a model is given flattened pixels. */
export function toImageBatch(x: tf.Tensor, shape: number[]): tf.Tensor4D {
  return (x.rank === 4 ? x : tf.reshape(x, [x.shape[0], shape[0], shape[1], shape[2]])) as tf.Tensor4D;
}
