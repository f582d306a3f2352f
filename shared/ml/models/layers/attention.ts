import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';
import { optionalDropout } from './shapeLayers.js';
import { softmaxLastAxis } from './softmax.js';

/** One projection of an attention layer: weight [dim, dim] (input → output features) and bias [dim]. */
export interface Projection {
  weight: tf.Tensor;
  bias: tf.Tensor;
}

export interface AttentionOptions {
  /** Added to the scores of every query for each key, [batch, N] (0 to attend, a large negative value to mask). */
  keyMask?: tf.Tensor;
  /** Applied to the attention weights (dropout in training). */
  weightsDropout?: Layer;
  training?: boolean;
}

/**
 * Multi-head self-attention over x [batch, N, dim] (nn.MultiheadAttention's and BERT's math): q, k, v
 * projections (output feature h·d + j belongs to head h), softmax(q·kᵀ/√d + mask)·v per head, then
 * the output projection. Computed head-major ([heads, batch·N, d]) with the projection weights
 * regrouped per head, so no activation is ever transposed (the cpu backend's Transpose is slow);
 * only the weights are.
 */
export function multiHeadAttention(x: tf.Tensor, q: Projection, k: Projection, v: Projection, out: Projection, heads: number, options: AttentionOptions = {}): tf.Tensor {
  const [batch, tokens, dim] = x.shape;
  const headDim = dim / heads;
  const rows = batch * tokens;
  const xh = tf.tile(tf.reshape(x, [1, rows, dim]), [heads, 1, 1]);
  // [dim, heads·d] → [heads, dim, d]; bias → [heads, 1, d]
  const perHead = (p: Projection) =>
    tf.reshape(
      tf.add(tf.matMul(xh, tf.transpose(tf.reshape(p.weight, [dim, heads, headDim]), [1, 0, 2])), tf.reshape(p.bias, [heads, 1, headDim])),
      [heads * batch, tokens, headDim],
    );
  let scores = tf.mul(tf.matMul(perHead(q), perHead(k), false, true), 1 / Math.sqrt(headDim));
  if (options.keyMask) {
    scores = tf.reshape(tf.add(tf.reshape(scores, [heads, batch, tokens, tokens]), tf.reshape(options.keyMask, [1, batch, 1, tokens])), [heads * batch, tokens, tokens]);
  }
  let weights = softmaxLastAxis(scores);
  if (options.weightsDropout) weights = options.weightsDropout.apply(weights, options.training ?? false);
  const mixed = tf.reshape(tf.matMul(weights, perHead(v)), [heads, rows, headDim]);
  // Σ_h mixed_h · W_out[h·d:(h+1)·d, :]
  const projected = tf.add(tf.sum(tf.matMul(mixed, tf.reshape(out.weight, [heads, headDim, dim])), 0), out.bias);
  return tf.reshape(projected, [batch, tokens, dim]);
}

/**
 * nn.MultiheadAttention's parameters as torchvision's ViT has them: `prefix.in_proj_weight`
 * [dim, 3·dim] (q, k, v side by side; PyTorch's [3·dim, dim] transposed) and `prefix.in_proj_bias`,
 * `prefix.out_proj.weight` [dim, dim] and `.bias`. Initialised as PyTorch does: in_proj
 * Xavier-uniform, out_proj weight U(±1/√dim), biases 0. Dropout `attentionDropout` on the weights.
 */
export function packedSelfAttention(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  heads: number,
  options: { attentionDropout?: number; seed?: number } = {},
): Layer {
  const dim = inputShape[inputShape.length - 1];
  if (dim % heads !== 0) throw new Error(`${prefix}: dimension ${dim} is not divisible by ${heads} heads`);
  const inWeight = builder.param(block, `${prefix}.in_proj_weight`, [dim, 3 * dim], { kind: 'uniform', bound: Math.sqrt(6 / (dim + 3 * dim)) });
  const inBias = builder.param(block, `${prefix}.in_proj_bias`, [3 * dim], { kind: 'zeros' });
  const outWeight = builder.param(block, `${prefix}.out_proj.weight`, [dim, dim], { kind: 'kaiming-uniform', fanIn: dim });
  const outBias = builder.param(block, `${prefix}.out_proj.bias`, [dim], { kind: 'zeros' });
  builder.layer({ name: prefix, block, kind: `attention(${heads} heads)`, outputShape: inputShape, paramCount: 4 * dim * dim + 4 * dim });
  const rate = options.attentionDropout ?? 0;
  const weightsDropout = optionalDropout(builder, block, `${prefix}.dropout`, inputShape, rate, options.seed ?? 0);
  const part = (i: number): Projection => ({ weight: tf.slice(inWeight, [0, i * dim], [dim, dim]), bias: tf.slice(inBias, [i * dim], [dim]) });
  return {
    outputShape: inputShape,
    apply: (x, training) => multiHeadAttention(x, part(0), part(1), part(2), { weight: outWeight, bias: outBias }, heads, { weightsDropout, training }),
  };
}
