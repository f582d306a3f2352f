import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder } from '../paramBuilder.js';
import type { Layer } from './layer.js';

/**
 * A kernel of the fast CPU path (registered with its gradient when the native kernels are built):
 * training-mode batch norm on the batch's statistics (+ ReLU) as one kernel, {x, gamma, beta} →
 * [y, mean, biased variance], where `tf.moments` + `tf.batchNorm` and their gradients run about ten
 * kernels forward and backward.
 */
export const trainBatchNormKernelName = 'OptlabBatchNormTrain';

/**
 * Batch normalisation over the last axis (channels of NHWC), as nn.BatchNorm2d: trainable `weight`
 * (γ, ones) and `bias` (β, zeros); running mean/variance are model *state* (not params), updated in
 * training with momentum 0.1 (running ← 0.9·running + 0.1·batch, the variance unbiased) and used in
 * evaluation. ε = 1e-5 unless given (torchvision's EfficientNetV2 uses 1e-3). `relu` or `silu` follows
 * when asked.
 */
/** A batch-norm layer; `applyAddRelu` ends a residual block: ReLU(BN(x) + shortcut), as one kernel where the fast CPU path has it. */
export interface BatchNormLayer extends Layer {
  applyAddRelu(x: tf.Tensor, shortcut: tf.Tensor, training: boolean): tf.Tensor;
}

export function batchNorm(
  builder: ParamBuilder,
  block: string,
  prefix: string,
  inputShape: number[],
  options: { relu?: boolean; silu?: boolean; epsilon?: number } = {},
): BatchNormLayer {
  const channels = inputShape[inputShape.length - 1];
  const gamma = builder.param(block, `${prefix}.weight`, [channels], { kind: 'ones' });
  const beta = builder.param(block, `${prefix}.bias`, [channels], { kind: 'zeros' });
  const runningMean = builder.stateTensor(block, `${prefix}.running_mean`, [channels], { kind: 'zeros' });
  const runningVar = builder.stateTensor(block, `${prefix}.running_var`, [channels], { kind: 'ones' });
  builder.layer({ name: prefix, block, kind: options.relu ? 'batchnorm+relu' : options.silu ? 'batchnorm+silu' : 'batchnorm', outputShape: inputShape, paramCount: 2 * channels });
  const momentum = 0.1;
  const epsilon = options.epsilon ?? 1e-5;
  const axes = inputShape.map((_, i) => i); // all but the last axis of [batch, ...inputShape]

  /** act(BN(x) [+ shortcut]) with act ReLU when `relu`. */
  function normalize(x: tf.Tensor, training: boolean, relu: boolean, shortcut?: tf.Tensor): tf.Tensor {
    let y: tf.Tensor;
    if (training) {
      let mean: tf.Tensor;
      let variance: tf.Tensor;
      if (tf.getKernel(trainBatchNormKernelName, tf.getBackend()) !== undefined) {
        const inputs: tf.NamedTensorMap = shortcut ? { x, gamma, beta, residual: shortcut } : { x, gamma, beta };
        [y, mean, variance] = tf.engine().runKernel(trainBatchNormKernelName, inputs, { epsilon, relu, hasResidual: shortcut !== undefined }) as tf.Tensor[] as [tf.Tensor, tf.Tensor, tf.Tensor];
        // The kernel added the shortcut and applied the ReLU.
        relu = false;
        shortcut = undefined;
      } else {
        ({ mean, variance } = tf.moments(x, axes));
        y = tf.batchNorm(x, mean, variance, beta, gamma, epsilon);
      }
      const n = x.size / channels;
      // The running statistics are non-trainable variables: no gradient flows into them.
      tf.tidy(() => {
        const unbiased = tf.mul(variance, n > 1 ? n / (n - 1) : 1);
        runningMean.assign(tf.add(tf.mul(runningMean, 1 - momentum), tf.mul(mean, momentum)));
        runningVar.assign(tf.add(tf.mul(runningVar, 1 - momentum), tf.mul(unbiased, momentum)));
      });
    } else {
      y = tf.batchNorm(x, runningMean, runningVar, beta, gamma, epsilon);
    }
    if (shortcut) y = tf.add(y, shortcut);
    return relu ? tf.relu(y) : y;
  }

  return {
    outputShape: inputShape,
    apply(x, training) {
      if (options.silu) return silu(normalize(x, training, false));
      return normalize(x, training, options.relu ?? false);
    },
    applyAddRelu(x, shortcut, training) {
      return normalize(x, training, true, shortcut);
    },
  };
}

/** SiLU (swish), x·σ(x), as nn.SiLU. */
export function silu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sigmoid(x));
}
