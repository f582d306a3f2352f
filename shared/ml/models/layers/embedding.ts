import * as tf from '@tensorflow/tfjs-core';
import type { Init, ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/**
 * Token embedding: int32 ids [batch, T] → [batch, T, dim] by `tf.gather` (its gradient needs
 * UnsortedSegmentSum: the cpu backend has it, wasm does not). N(0, 1) init as nn.Embedding unless given.
 */
export function embedding(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  vocabSize: number,
  dim: number,
  init: Init = { kind: 'normal', std: 1 },
): Layer & { weight: tf.Variable } {
  const weight = builder.param(block, `${prefix}.weight`, [vocabSize, dim], init);
  const outputShape = [...inputShape, dim];
  builder.layer({ name: prefix, block, kind: 'embedding', outputShape, paramCount: weight.size });
  return {
    weight,
    outputShape,
    apply(ids) {
      const flat = tf.reshape(ids, [-1]);
      return tf.reshape(tf.gather(weight, tf.cast(flat, 'int32')), [...ids.shape, dim]);
    },
  };
}
