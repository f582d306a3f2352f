import * as tf from '@tensorflow/tfjs-core';
import type { Init, ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/**
 * Token embedding: int32 ids [batch, T] → [batch, T, dim] by `tf.gather`, N(0, 1) init as
 * nn.Embedding unless given. Its gradient is a scatter-add (`tf.scatterND` sums repeated ids) rather
 * than gather's own gradient, UnsortedSegmentSum, which the cpu backend runs as one full pass per
 * vocabulary entry (minutes per step for a 10k vocabulary) and wasm lacks. With `paddingIndex`
 * (nn.Embedding's padding_idx) that row starts at zero and gets no gradient.
 */
export function embedding(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  vocabSize: number,
  dim: number,
  init: Init = { kind: 'normal', std: 1 },
  options: { paddingIndex?: number } = {},
): Layer & { weight: tf.Variable } {
  const weight = builder.param(block, `${prefix}.weight`, [vocabSize, dim], init);
  const padding = options.paddingIndex;
  if (padding !== undefined) tf.tidy(() => weight.assign(tf.mul(weight, tf.expandDims(tf.cast(tf.notEqual(tf.range(0, vocabSize, 1, 'int32'), padding), 'float32'), 1))));
  const outputShape = [...inputShape, dim];
  builder.layer({ name: prefix, block, kind: 'embedding', outputShape, paramCount: weight.size });
  return {
    weight,
    outputShape,
    apply(ids) {
      const flat = tf.cast(tf.reshape(ids, [-1]), 'int32');
      const lookup = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
        const table = args[0] as tf.Tensor2D;
        const save = args[1] as tf.GradSaveFunc;
        // The rows that get a gradient: every id, or all but the padding one.
        const keep = padding === undefined ? undefined : tf.expandDims(tf.cast(tf.notEqual(flat, tf.scalar(padding, 'int32')), 'float32'), 1);
        save(keep ? [flat, keep] : [flat]);
        return {
          value: tf.gather(table, flat),
          gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
            const [indices, kept] = saved;
            return tf.scatterND(tf.reshape(indices, [-1, 1]), kept ? tf.mul(dy, kept) : dy, [vocabSize, dim]);
          },
        };
      });
      return tf.reshape(lookup(weight), [...ids.shape, dim]);
    },
  };
}
