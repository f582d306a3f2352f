import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder } from '../paramBuilder.js';
import { dense } from './dense.js';
import type { Layer } from './layer.js';
import { softmaxLastAxis } from './softmax.js';

/**
 * Multi-head self-attention over [batch, N, dim] (nn.MultiheadAttention's math): q, k, v
 * projections (`prefix.q/k/v`), softmax(q·kᵀ/√d)·v per head, output projection `prefix.proj`.
 */
export function selfAttention(builder: ParamBuilder, block: string, prefix: string, inputShape: number[], heads: number): Layer {
  const [tokens, dim] = inputShape;
  if (dim % heads !== 0) throw new Error(`${prefix}: dimension ${dim} is not divisible by ${heads} heads`);
  const headDim = dim / heads;
  const q = dense(builder, block, `${prefix}.q`, inputShape, dim);
  const k = dense(builder, block, `${prefix}.k`, inputShape, dim);
  const v = dense(builder, block, `${prefix}.v`, inputShape, dim);
  const proj = dense(builder, block, `${prefix}.proj`, inputShape, dim);
  const scale = 1 / Math.sqrt(headDim);
  const split = (x: tf.Tensor, batch: number) => tf.transpose(tf.reshape(x, [batch, tokens, heads, headDim]), [0, 2, 1, 3]);
  return {
    outputShape: inputShape,
    apply(x, training) {
      const batch = x.shape[0];
      const qh = split(q.apply(x, training), batch);
      const kh = split(k.apply(x, training), batch);
      const vh = split(v.apply(x, training), batch);
      const weights = softmaxLastAxis(tf.mul(tf.matMul(qh, kh, false, true), scale));
      const mixed = tf.reshape(tf.transpose(tf.matMul(weights, vh), [0, 2, 1, 3]), [batch, tokens, dim]);
      return proj.apply(mixed, training);
    },
  };
}
