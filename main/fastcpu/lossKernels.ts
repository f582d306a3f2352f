import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { softmaxCrossEntropyKernelName } from '../../shared/ml/losses/softmaxCrossEntropyLoss.js';
import { type CpuKernelArgs, type FastKernel, float32Values, output, uninitialisedFloat32 } from './cpuKernelArgs.js';
import type { NativeAddon } from './nativeAddon.js';

export const SOFTMAX_CROSS_ENTROPY_KERNEL = softmaxCrossEntropyKernelName;
export const SOFTMAX_CROSS_ENTROPY_GRAD_KERNEL = `${softmaxCrossEntropyKernelName}Grad`;

/**
 * `OptlabSoftmaxCrossEntropy` {logits, labels} [rows, classes] → the mean over rows of
 * −Σ labels·log softmax(logits) (log-sum-exp in double), and `OptlabSoftmaxCrossEntropyGrad`
 * {logits, labels, dy} → (softmax − labels)·dy/rows, each one native pass (tfjs composes the loss
 * of ten kernels and its gradient of eight).
 */
export function lossKernels(addon: NativeAddon): Record<string, FastKernel> {
  const shapes = (args: CpuKernelArgs) => {
    const { logits, labels } = args.inputs;
    const lv = float32Values(args.backend, logits);
    // Labels may be tf.oneHot's int32 (tfjs casts them to float32 too).
    const raw = labels === undefined ? undefined : args.backend.data.get(labels.dataId).values;
    const tv = raw instanceof Float32Array ? raw : raw instanceof Int32Array && labels?.dtype === 'int32' ? Float32Array.from(raw) : undefined;
    if (!logits || !labels || !lv || !tv || logits.shape.length !== 2 || !tf.util.arraysEqual(logits.shape, labels.shape)) return undefined;
    return { lv, tv, rows: logits.shape[0]!, cols: logits.shape[1]! };
  };

  const loss: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const s = shapes(args);
    if (!s || s.rows === 0 || s.cols === 0) return fallback(args);
    const total = addon.softmaxCrossEntropy(s.lv, s.tv, s.rows, s.cols, null, 0);
    return output(args.backend, [], Float32Array.of(total / s.rows));
  };

  const lossGrad: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const s = shapes(args);
    const dy = float32Values(args.backend, args.inputs.dy);
    if (!s || !dy || dy.length !== 1 || s.rows === 0 || s.cols === 0) return fallback(args);
    const grad = uninitialisedFloat32(s.rows * s.cols); // every element written
    addon.softmaxCrossEntropy(s.lv, s.tv, s.rows, s.cols, grad, dy[0]! / s.rows);
    return output(args.backend, [s.rows, s.cols], grad);
  };

  return { [SOFTMAX_CROSS_ENTROPY_KERNEL]: loss, [SOFTMAX_CROSS_ENTROPY_GRAD_KERNEL]: lossGrad };
}

/** The gradient of `OptlabSoftmaxCrossEntropy` (for the labels as tfjs's: its negation). */
export function registerSoftmaxCrossEntropyGradient(): void {
  tf.registerGradient({
    kernelName: SOFTMAX_CROSS_ENTROPY_KERNEL,
    inputsToSave: ['logits', 'labels'],
    gradFunc: (dy, saved) => {
      const [logits, labels] = saved as [tf.Tensor, tf.Tensor];
      const dLogits = tf.engine().runKernel(SOFTMAX_CROSS_ENTROPY_GRAD_KERNEL, { logits, labels, dy: dy as tf.Tensor }, {}) as tf.Tensor;
      return { logits: () => dLogits, labels: () => tf.neg(dLogits) };
    },
  });
}
