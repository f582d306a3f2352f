import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { geluKernelName } from '../../shared/ml/models/layers/gelu.js';
import { type CpuKernelArgs, type FastKernel, float32Values, output, zeroedFloat32 } from './cpuKernelArgs.js';
import type { NativeAddon } from './nativeAddon.js';

export const GELU_KERNEL = geluKernelName;
export const GELU_GRAD_KERNEL = `${geluKernelName}Grad`;

/** `OptlabGelu` {x} → x·Φ(x) and `OptlabGeluGrad` {dy, x} → dy·(Φ(x) + x·φ(x)), float32, one native pass each. */
export function geluKernels(addon: NativeAddon): Record<string, FastKernel> {
  const forward: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x } = args.inputs;
    const xv = float32Values(args.backend, x);
    if (!x || !xv) return fallback(args);
    const y = zeroedFloat32(xv.length);
    addon.geluForward(xv, y);
    return output(args.backend, x.shape.slice(), y);
  };
  const backward: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { dy, x } = args.inputs;
    const dyv = float32Values(args.backend, dy);
    const xv = float32Values(args.backend, x);
    if (!dy || !dyv || !xv || dyv.length !== xv.length) return fallback(args);
    const dx = zeroedFloat32(xv.length);
    addon.geluBackward(dyv, xv, dx);
    return output(args.backend, dy.shape.slice(), dx);
  };
  return { [GELU_KERNEL]: forward, [GELU_GRAD_KERNEL]: backward };
}

/** The gradient of `OptlabGelu` (keyed by kernel name). */
export function registerGeluGradient(): void {
  tf.registerGradient({
    kernelName: GELU_KERNEL,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as [tf.Tensor];
      return { x: () => tf.engine().runKernel(GELU_GRAD_KERNEL, { dy: dy as tf.Tensor, x }, {}) as tf.Tensor };
    },
  });
}
