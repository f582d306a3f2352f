import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap } from '@tensorflow/tfjs-core';
import { denseKernelName } from '../../shared/ml/models/layers/dense.js';
import { type CpuKernelArgs, type FastKernel, float32Values, output, uninitialisedFloat32, zeroedFloat32 } from './cpuKernelArgs.js';
import { ACTIVATION, type NativeAddon } from './nativeAddon.js';

export const DENSE_KERNEL = denseKernelName;
export const DENSE_GRAD_KERNEL = `${denseKernelName}Grad`;

function activationOf(attrs: NamedAttrMap | undefined): 'linear' | 'relu' | 'sigmoid' | undefined {
  const a: unknown = attrs?.activation ?? 'linear';
  return a === 'linear' || a === 'relu' || a === 'sigmoid' ? a : undefined;
}

/**
 * `OptlabDense` {x [m, k], weight [k, n], bias? [n]} → act(x·W + b) in one sgemm and one pass, under
 * gradient recording too (where tfjs-core splits `tf.fused.matMul` into MatMul, Add and Relu), and
 * `OptlabDenseGrad` {dy, x, y} → [dW, db?, dz?]: dz = dy·act'(y), dW = xᵀ·dz and db = Σ dz in one
 * native call; dx = dz·Wᵀ is computed only when asked for (not for a first layer's input).
 */
export function denseKernels(addon: NativeAddon): Record<string, FastKernel> {
  const dense: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, weight, bias } = args.inputs;
    const activation = activationOf(args.attrs);
    const xv = float32Values(args.backend, x);
    const wv = float32Values(args.backend, weight);
    const bv = bias ? float32Values(args.backend, bias) : undefined;
    if (!x || !weight || !xv || !wv || activation === undefined || (bias && !bv) || x.shape.length !== 2 || weight.shape.length !== 2) {
      return fallback(args);
    }
    const [m, k] = x.shape as [number, number];
    const n = weight.shape[1]!;
    if (weight.shape[0] !== k || (bias && bias.shape.reduce((a, b) => a * b, 1) !== n)) return fallback(args);
    const out = uninitialisedFloat32(m * n); // written in full by the sgemm (beta 0)
    addon.gemm(false, false, m, n, k, xv, 0, wv, 0, out, 0, 1, 0);
    addon.biasActivation(out, m, n, bv ?? null, ACTIVATION[activation], 0);
    return output(args.backend, [m, n], out);
  };

  const denseGrad: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { dy, x, y } = args.inputs;
    const activation = activationOf(args.attrs);
    const hasBias = Boolean(args.attrs?.hasBias);
    const dyv = float32Values(args.backend, dy);
    const xv = float32Values(args.backend, x);
    const yv = float32Values(args.backend, y);
    if (!dy || !x || !dyv || !xv || !yv || activation === undefined || x.shape.length !== 2 || dy.shape.length !== 2) return fallback(args);
    const [m, k] = x.shape as [number, number];
    const n = dy.shape[1]!;
    // Written in full: dz by the activation gradient, dw by the sgemm (beta 0), db by the column sums.
    const dz = activation === 'linear' ? null : uninitialisedFloat32(m * n);
    const dw = uninitialisedFloat32(k * n);
    const db = hasBias ? zeroedFloat32(n) : null;
    addon.denseBackward(dyv, xv, yv, m, k, n, ACTIVATION[activation], dz, dw, db);
    const outs = [output(args.backend, [k, n], dw)];
    if (db) outs.push(output(args.backend, [n], db));
    if (dz) outs.push(output(args.backend, [m, n], dz));
    return outs;
  };

  return { [DENSE_KERNEL]: dense, [DENSE_GRAD_KERNEL]: denseGrad };
}

/** The gradient of `OptlabDense` (tfjs gradients are keyed by kernel name, for every backend). */
export function registerDenseGradient(): void {
  tf.registerGradient({
    kernelName: DENSE_KERNEL,
    inputsToSave: ['x', 'weight'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, weight, y] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const hasBias = Boolean(attrs.hasBias);
      const linear = (attrs.activation ?? 'linear') === 'linear';
      const grads = tf.engine().runKernel(DENSE_GRAD_KERNEL, { dy: dy as tf.Tensor, x, y }, { activation: attrs.activation ?? 'linear', hasBias }) as tf.Tensor[];
      const dw = grads[0]!;
      const db = hasBias ? grads[1]! : undefined;
      const dz = linear ? (dy as tf.Tensor) : grads[hasBias ? 2 : 1]!;
      return {
        x: () => tf.matMul(dz, weight, false, true),
        weight: () => dw,
        ...(db ? { bias: () => db } : {}),
      };
    },
  });
}
