import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

export type DenseActivation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'gelu';

/**
 * A fully connected layer y = act(x·W + b) with W [in, out] (nn.Linear's default initialisation).
 * Runs as one `_FusedMatMul` (bias and relu/sigmoid fused) so a fast kernel can replace it.
 * Inputs of rank > 2 are applied to the last axis.
 */
export function dense(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  units: number,
  activation: DenseActivation = 'linear',
  options: { bias?: boolean } = {},
): Layer {
  const inFeatures = inputShape[inputShape.length - 1];
  const weight = builder.param(block, `${prefix}.weight`, [inFeatures, units], { kind: 'kaiming-uniform', fanIn: inFeatures });
  const bias = options.bias === false ? undefined : builder.param(block, `${prefix}.bias`, [units], { kind: 'fan-in-uniform', fanIn: inFeatures });
  const outputShape = [...inputShape.slice(0, -1), units];
  builder.layer({ name: prefix, block, kind: 'dense', outputShape, paramCount: weight.size + (bias?.size ?? 0) });
  const fusedActivation = activation === 'relu' || activation === 'sigmoid' ? activation : 'linear';
  return {
    outputShape,
    apply(x) {
      const rank = x.rank;
      const x2 = rank === 2 ? x : tf.reshape(x, [-1, inFeatures]);
      let y = tf.fused.matMul({ a: x2 as tf.Tensor2D, b: weight as tf.Tensor2D, bias, activation: fusedActivation });
      if (activation === 'tanh') y = tf.tanh(y);
      else if (activation === 'gelu') y = gelu(y);
      return rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), units]);
    },
  };
}

/** GELU, tanh approximation (tfjs-core has no erf gradient-friendly GELU op). */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(tf.mul(x, x), x))));
    return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
  });
}
