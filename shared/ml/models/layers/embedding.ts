import * as tf from '@tensorflow/tfjs-core';
import type { Init, ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/**
 * Token embedding: int32 ids [batch, T] → [batch, T, dim] by `tf.gather`, N(0, 1) init as
 * nn.Embedding unless given. Its gradient is a scatter-add (`tf.scatterND` sums repeated ids) rather
 * than gather's own gradient, UnsortedSegmentSum, which the cpu backend runs as one full pass per
 * vocabulary entry (minutes per step for a 10k vocabulary) and wasm lacks.
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
      const flat = tf.cast(tf.reshape(ids, [-1]), 'int32');
      const lookup = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
        const table = args[0] as tf.Tensor2D;
        return {
          value: tf.gather(table, flat),
          gradFunc: (dy: tf.Tensor) => tf.scatterND(tf.reshape(flat, [-1, 1]), dy, [vocabSize, dim]),
        };
      });
      return tf.reshape(lookup(weight), [...ids.shape, dim]);
    },
  };
}
