import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/**
 * A kernel of the fast CPU path (registered with its gradient `OptlabLayerNormGrad` when the native
 * kernels are built): {x, gamma, beta} → layer norm over the last axis (attr `epsilon`), one pass per row.
 */
export const layerNormKernelName = 'OptlabLayerNorm';

/**
 * y = (x − mean) / √(var + ε) · γ + β over the last axis, with its gradient written out
 * (dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / √(var + ε), dx̂ = dy·γ; dγ = Σ dy·x̂, dβ = Σ dy), so a
 * training step runs a handful of elementwise kernels instead of the autodiff of `tf.moments`.
 * The variance is the biased one, as nn.LayerNorm's.
 */
export function layerNormReference(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [input, g, b] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const centered = tf.sub(input, tf.mean(input, -1, true));
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), -1, true), epsilon));
    const normalized = tf.mul(centered, rstd);
    save([normalized, rstd, g]);
    return {
      value: tf.add(tf.mul(normalized, g), b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xhat, r, weight] = saved;
        const rowAxes = dy.shape.slice(0, -1).map((_, i) => i);
        const dxhat = tf.mul(dy, weight);
        const dx = tf.mul(tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), tf.mul(xhat, tf.mean(tf.mul(dxhat, xhat), -1, true))), r);
        return [dx, tf.sum(tf.mul(dy, xhat), rowAxes), tf.sum(dy, rowAxes)];
      },
    };
  });
  return op(x, gamma, beta);
}

/** Layer norm over the last axis: the native kernel where the active backend has it, else tfjs ops. */
export function layerNormOp(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): tf.Tensor {
  const features = x.shape[x.shape.length - 1];
  const native =
    x.dtype === 'float32' &&
    x.rank >= 1 &&
    gamma.rank === 1 &&
    beta.rank === 1 &&
    gamma.shape[0] === features &&
    beta.shape[0] === features &&
    tf.getKernel(layerNormKernelName, tf.getBackend()) !== undefined;
  if (native) return tf.engine().runKernel(layerNormKernelName, { x, gamma, beta }, { epsilon }) as tf.Tensor;
  return layerNormReference(x, gamma, beta, epsilon);
}

/**
 * Layer normalisation over the last axis (nn.LayerNorm): `prefix.weight` ones, `prefix.bias` zeros.
 * ε is nn.LayerNorm's 1e-5 unless given (torchvision's ViT uses 1e-6, BERT 1e-12).
 */
export function layerNorm(builder: ParamBuilder, block: string, prefix: string, inputShape: number[], options: { epsilon?: number } = {}): Layer {
  const features = inputShape[inputShape.length - 1];
  const epsilon = options.epsilon ?? 1e-5;
  const gamma = builder.param(block, `${prefix}.weight`, [features], { kind: 'ones' });
  const beta = builder.param(block, `${prefix}.bias`, [features], { kind: 'zeros' });
  builder.layer({ name: prefix, block, kind: 'layernorm', outputShape: inputShape, paramCount: 2 * features });
  return {
    outputShape: inputShape,
    apply: (x) => layerNormOp(x, gamma, beta, epsilon),
  };
}
