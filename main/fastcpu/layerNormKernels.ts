import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { layerNormKernelName } from '../../shared/ml/models/layers/layerNorm.js';
import { type CpuKernelArgs, type FastKernel, float32Values, output, zeroedFloat32 } from './cpuKernelArgs.js';
import type { NativeAddon } from './nativeAddon.js';

export const LAYER_NORM_KERNEL = layerNormKernelName;
export const LAYER_NORM_GRAD_KERNEL = `${layerNormKernelName}Grad`;

function epsilonOf(attrs: tf.NamedAttrMap | undefined): number | undefined {
  const eps: unknown = attrs?.epsilon;
  return typeof eps === 'number' && eps >= 0 ? eps : undefined;
}

/**
 * `OptlabLayerNorm` {x, gamma, beta} → (x − mean)/√(var + ε)·γ + β over the last axis, and
 * `OptlabLayerNormGrad` {dy, x, gamma} → [dx, dγ, dβ] (the row statistics recomputed from x), float32.
 */
export function layerNormKernels(addon: NativeAddon): Record<string, FastKernel> {
  const forward: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, gamma, beta } = args.inputs;
    const xv = float32Values(args.backend, x);
    const gv = float32Values(args.backend, gamma);
    const bv = float32Values(args.backend, beta);
    const eps = epsilonOf(args.attrs);
    if (!x || !xv || !gv || !bv || eps === undefined || x.shape.length < 1) return fallback(args);
    const cols = x.shape[x.shape.length - 1]!;
    if (cols < 1 || gv.length !== cols || bv.length !== cols) return fallback(args);
    const y = zeroedFloat32(xv.length);
    addon.layerNormForward(xv, gv, bv, xv.length / cols, cols, eps, y);
    return output(args.backend, x.shape.slice(), y);
  };
  const backward: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { dy, x, gamma } = args.inputs;
    const dyv = float32Values(args.backend, dy);
    const xv = float32Values(args.backend, x);
    const gv = float32Values(args.backend, gamma);
    const eps = epsilonOf(args.attrs);
    if (!x || !dyv || !xv || !gv || eps === undefined || dyv.length !== xv.length || x.shape.length < 1) return fallback(args);
    const cols = x.shape[x.shape.length - 1]!;
    if (cols < 1 || gv.length !== cols) return fallback(args);
    const dx = zeroedFloat32(xv.length);
    const dgamma = zeroedFloat32(cols);
    const dbeta = zeroedFloat32(cols);
    addon.layerNormBackward(dyv, xv, gv, xv.length / cols, cols, eps, dx, dgamma, dbeta);
    return [output(args.backend, x.shape.slice(), dx), output(args.backend, [cols], dgamma), output(args.backend, [cols], dbeta)];
  };
  return { [LAYER_NORM_KERNEL]: forward, [LAYER_NORM_GRAD_KERNEL]: backward };
}

/** The gradient of `OptlabLayerNorm` (keyed by kernel name). */
export function registerLayerNormGradient(): void {
  tf.registerGradient({
    kernelName: LAYER_NORM_KERNEL,
    inputsToSave: ['x', 'gamma'],
    gradFunc: (dy, saved, attrs) => {
      const [x, gamma] = saved as [tf.Tensor, tf.Tensor];
      const [dx, dgamma, dbeta] = tf.engine().runKernel(LAYER_NORM_GRAD_KERNEL, { dy: dy as tf.Tensor, x, gamma }, { epsilon: attrs.epsilon }) as tf.Tensor[];
      return { x: () => dx!, gamma: () => dgamma!, beta: () => dbeta! };
    },
  });
}
