import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { trainBatchNormKernelName } from '../../shared/ml/models/layers/batchNorm.js';
import { type CpuKernelArgs, type FastKernel, float32Values, output, zeroedFloat32 } from './cpuKernelArgs.js';
import type { NativeAddon } from './nativeAddon.js';

export const TRAIN_BATCH_NORM_KERNEL = trainBatchNormKernelName;
export const TRAIN_BATCH_NORM_GRAD_KERNEL = `${trainBatchNormKernelName}Grad`;

/** The channels (last axis) and the rows (every other axis) of a tensor, or undefined for a scalar. */
function rowsAndChannels(shape: readonly number[]): { rows: number; channels: number } | undefined {
  if (shape.length === 0) return undefined;
  const channels = shape[shape.length - 1]!;
  let rows = 1;
  for (let i = 0; i < shape.length - 1; i++) rows *= shape[i]!;
  return rows > 0 && channels > 0 ? { rows, channels } : undefined;
}

/**
 * `OptlabBatchNormTrain` {x, gamma, beta, residual?} (attrs epsilon, relu) → [y, mean, variance]:
 * batch normalisation on the batch's statistics over every axis but the last (the biased variance, as
 * nn.BatchNorm2d normalises in training), plus `residual` (a residual block's shortcut) when given,
 * then ReLU when `relu`, in two native passes; mean and variance come out for the running statistics.
 * `OptlabBatchNormTrainGrad` {dy, x, y, gamma, mean, variance, dMean, dVariance} (attr withDz) →
 * [dx, dγ, dβ] (+ dz, the masked dy, which is the residual's gradient, with `withDz` and relu) in two
 * passes (the ReLU's mask from y).
 */
export function trainBatchNormKernels(addon: NativeAddon): Record<string, FastKernel> {
  const forward: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, gamma, beta, residual } = args.inputs;
    const xv = float32Values(args.backend, x);
    const gv = float32Values(args.backend, gamma);
    const bv = float32Values(args.backend, beta);
    const rv = residual ? float32Values(args.backend, residual) : undefined;
    const dims = x ? rowsAndChannels(x.shape) : undefined;
    if (!x || !xv || !gv || !bv || !dims || gv.length !== dims.channels || bv.length !== dims.channels) return fallback(args);
    if (residual && (!rv || rv.length !== xv.length)) return fallback(args);
    const y = zeroedFloat32(xv.length);
    const mean = zeroedFloat32(dims.channels);
    const variance = zeroedFloat32(dims.channels);
    addon.batchNormTrainForward(xv, dims.rows, dims.channels, gv, bv, Number(args.attrs?.epsilon ?? 1e-5), Boolean(args.attrs?.relu), y, mean, variance, rv ?? null);
    return [output(args.backend, x.shape.slice(), y), output(args.backend, [dims.channels], mean), output(args.backend, [dims.channels], variance)];
  };

  const backward: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { dy, x, y, gamma, mean, variance, dMean, dVariance } = args.inputs;
    const values = [dy, x, y, gamma, mean, variance, dMean, dVariance].map((t) => float32Values(args.backend, t));
    const dims = x ? rowsAndChannels(x.shape) : undefined;
    const [dyv, xv, yv, gv, mv, vv, dmv, dvv] = values;
    if (!x || !dims || !dyv || !xv || !yv || !gv || !mv || !vv || !dmv || !dvv) return fallback(args);
    const n = dims.rows * dims.channels;
    if (dyv.length !== n || xv.length !== n || yv.length !== n || [gv, mv, vv, dmv, dvv].some((v) => v.length !== dims.channels)) return fallback(args);
    const relu = Boolean(args.attrs?.relu);
    const dx = zeroedFloat32(n);
    const dGamma = zeroedFloat32(dims.channels);
    const dBeta = zeroedFloat32(dims.channels);
    const dz = relu && args.attrs?.withDz ? zeroedFloat32(n) : null;
    addon.batchNormTrainBackward(dyv, dims.rows, dims.channels, xv, yv, gv, mv, vv, dmv, dvv, Number(args.attrs?.epsilon ?? 1e-5), relu, dx, dGamma, dBeta, dz);
    const outs = [output(args.backend, x.shape.slice(), dx), output(args.backend, [dims.channels], dGamma), output(args.backend, [dims.channels], dBeta)];
    if (dz) outs.push(output(args.backend, x.shape.slice(), dz));
    return outs;
  };

  return { [TRAIN_BATCH_NORM_KERNEL]: forward, [TRAIN_BATCH_NORM_GRAD_KERNEL]: backward };
}

/** The gradient of `OptlabBatchNormTrain` (keyed by kernel name, for every backend that has the kernels). */
export function registerTrainBatchNormGradient(): void {
  tf.registerGradient({
    kernelName: TRAIN_BATCH_NORM_KERNEL,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [true, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [dy, dMean, dVariance] = dys as tf.Tensor[];
      const [x, gamma, y, mean, variance] = saved;
      const relu = Boolean(attrs.relu);
      // The residual's gradient is dy through the ReLU's mask (dy itself without ReLU); tfjs asks for it only when the kernel had one.
      const grads = tf.engine().runKernel(
        TRAIN_BATCH_NORM_GRAD_KERNEL,
        { dy: dy!, x: x!, y: y!, gamma: gamma!, mean: mean!, variance: variance!, dMean: dMean!, dVariance: dVariance! },
        { epsilon: attrs.epsilon, relu, withDz: relu && Boolean(attrs.hasResidual) },
      ) as tf.Tensor[];
      return { x: () => grads[0]!, gamma: () => grads[1]!, beta: () => grads[2]!, residual: () => (relu ? grads[3]! : dy!) };
    },
  });
}
