import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';
import { softmaxLastAxis } from './softmax.js';

/**
 * Multi-head self-attention over [batch, N, dim] (nn.MultiheadAttention's math): q, k, v projections
 * (`prefix.q/k/v.weight` [dim, dim] and `.bias`, nn.Linear's init; output feature h·d + j belongs to
 * head h), softmax(q·kᵀ/√d)·v per head, output projection `prefix.proj`.
 * Computed head-major ([heads, batch·N, d]) with the projection weights regrouped per head, so no
 * activation is ever transposed (the cpu backend's Transpose is slow); only the weights are.
 */
export function selfAttention(builder: ParamBuilder, block: string, prefix: string, inputShape: number[], heads: number): Layer {
  const [tokens, dim] = inputShape;
  if (dim % heads !== 0) throw new Error(`${prefix}: dimension ${dim} is not divisible by ${heads} heads`);
  const headDim = dim / heads;
  const projection = (name: string) => ({
    weight: builder.param(block, `${prefix}.${name}.weight`, [dim, dim], { kind: 'kaiming-uniform', fanIn: dim }),
    bias: builder.param(block, `${prefix}.${name}.bias`, [dim], { kind: 'fan-in-uniform', fanIn: dim }),
  });
  const q = projection('q');
  const k = projection('k');
  const v = projection('v');
  const proj = projection('proj');
  builder.layer({ name: `${prefix}`, block, kind: `attention(${heads} heads)`, outputShape: inputShape, paramCount: 4 * (dim * dim + dim) });
  const scale = 1 / Math.sqrt(headDim);
  return {
    outputShape: inputShape,
    apply(x) {
      const batch = x.shape[0];
      const rows = batch * tokens;
      const xh = tf.tile(tf.reshape(x, [1, rows, dim]), [heads, 1, 1]);
      // [dim, heads·d] → [heads, dim, d]; bias → [heads, 1, d]
      const perHead = (p: { weight: tf.Variable; bias: tf.Variable }) =>
        tf.reshape(
          tf.add(tf.matMul(xh, tf.transpose(tf.reshape(p.weight, [dim, heads, headDim]), [1, 0, 2])), tf.reshape(p.bias, [heads, 1, headDim])),
          [heads * batch, tokens, headDim],
        );
      const weights = softmaxLastAxis(tf.mul(tf.matMul(perHead(q), perHead(k), false, true), scale));
      const mixed = tf.reshape(tf.matMul(weights, perHead(v)), [heads, rows, headDim]);
      // Σ_h mixed_h · W_proj[h·d:(h+1)·d, :]
      const out = tf.add(tf.sum(tf.matMul(mixed, tf.reshape(proj.weight, [heads, headDim, dim])), 0), proj.bias);
      return tf.reshape(out, [batch, tokens, dim]);
    },
  };
}
