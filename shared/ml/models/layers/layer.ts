import type * as tf from '@tensorflow/tfjs-core';

/** A built layer: its per-sample output shape and the function that applies it to a batch. */
export interface Layer {
  outputShape: number[];
  apply(x: tf.Tensor, training: boolean): tf.Tensor;
}

/** Applies layers in order. */
export function applySequence(layers: Layer[], x: tf.Tensor, training: boolean): tf.Tensor {
  let y = x;
  for (const layer of layers) y = layer.apply(y, training);
  return y;
}
