import * as tf from '@tensorflow/tfjs-core';
import type { Init, ParamBuilder } from '../paramBuilder.js';
import { gelu } from './gelu.js';
import type { Layer } from './layer.js';

/**
 * A kernel of the fast CPU path (registered with its gradient when the native kernels are built):
 * act(x·W + b) for x [m, k] in one call, also while gradients are recorded, where tfjs-core runs
 * `tf.fused.matMul` with relu as three kernels (and its gradient as six).
 */
export const denseKernelName = 'OptlabDense';

/** act(x·W + b) for x [m, k]: the fused kernel where the active backend has it, else `tf.fused.matMul`. */
function denseForward(x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor | undefined, activation: 'linear' | 'relu' | 'sigmoid'): tf.Tensor {
  if (tf.getKernel(denseKernelName, tf.getBackend()) !== undefined) {
    const inputs: tf.NamedTensorMap = bias === undefined ? { x, weight } : { x, weight, bias };
    return tf.engine().runKernel(denseKernelName, inputs, { activation, hasBias: bias !== undefined }) as tf.Tensor;
  }
  return tf.fused.matMul({ a: x, b: weight, bias, activation });
}

export type DenseActivation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'gelu';

/**
 * A fully connected layer y = act(x·W + b) with W [in, out] (nn.Linear's default initialisation unless
 * `weightInit`/`biasInit` say otherwise); 'gelu' is the exact GELU of nn.GELU.
 * Runs as one kernel (bias and relu/sigmoid fused): `OptlabDense` on the fast CPU path, else `_FusedMatMul`.
 * Inputs of rank > 2 are applied to the last axis.
 */
export function dense(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  units: number,
  activation: DenseActivation = 'linear',
  options: { bias?: boolean; weightInit?: Init; biasInit?: Init } = {},
): Layer & { weight: tf.Variable; bias?: tf.Variable } {
  const inFeatures = inputShape[inputShape.length - 1];
  const weight = builder.param(block, `${prefix}.weight`, [inFeatures, units], options.weightInit ?? { kind: 'kaiming-uniform', fanIn: inFeatures });
  const bias = options.bias === false ? undefined : builder.param(block, `${prefix}.bias`, [units], options.biasInit ?? { kind: 'fan-in-uniform', fanIn: inFeatures });
  const outputShape = [...inputShape.slice(0, -1), units];
  builder.layer({ name: prefix, block, kind: 'dense', outputShape, paramCount: weight.size + (bias?.size ?? 0) });
  const fusedActivation = activation === 'relu' || activation === 'sigmoid' ? activation : 'linear';
  return {
    weight,
    bias,
    outputShape,
    apply(x) {
      const rank = x.rank;
      const x2 = rank === 2 ? x : tf.reshape(x, [-1, inFeatures]);
      let y = denseForward(x2 as tf.Tensor2D, weight as tf.Tensor2D, bias, fusedActivation);
      if (activation === 'tanh') y = tf.tanh(y);
      else if (activation === 'gelu') y = gelu(y);
      return rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), units]);
    },
  };
}
