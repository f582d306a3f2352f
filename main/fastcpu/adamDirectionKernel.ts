import type { KernelFunc } from '@tensorflow/tfjs-core';
import { type CpuKernelArgs, type FastKernel, float32Values, output, zeroedFloat32 } from './cpuKernelArgs.js';
import type { NativeAddon } from './nativeAddon.js';
import { adamDirectionKernelName } from '../../shared/ml/optim/optimizers/adam.js';

/**
 * A kernel of our own (not a tfjs one) that the optimizer library can call when it is registered
 * for the active backend (`tf.getKernel(ADAM_DIRECTION_KERNEL, tf.getBackend())`), in place of the
 * eleven elementwise ops of Adam's moments and direction:
 *
 *   tf.engine().runKernel('OptlabAdamDirection', { grad, m, v },
 *     { beta1, beta2, eps, biasCorrection2Sqrt }) → [m', v', direction]
 *
 *   m' = m + (grad − m)·(1 − β1);  v' = v·β2 + grad²·(1 − β2);  direction = m' / (√v' / √(1 − β2^t) + ε)
 *
 * Each operation rounds to float32 as the tfjs ops do, so the result equals the composition.
 * AMSGrad and weight decay stay in the caller (decay is applied to `grad` before, as L2, or to the
 * weight after, as AdamW).
 */
/** Its name has one home, beside the optimizer that calls it. */
export const ADAM_DIRECTION_KERNEL = adamDirectionKernelName;

export function adamDirectionKernels(addon: NativeAddon): Record<string, FastKernel> {
  const adamDirection: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { grad, m, v } = args.inputs;
    const g = float32Values(args.backend, grad);
    const m0 = float32Values(args.backend, m);
    const v0 = float32Values(args.backend, v);
    const attrs = args.attrs ?? {};
    const numbers = ['beta1', 'beta2', 'eps', 'biasCorrection2Sqrt'].map((k) => attrs[k]);
    if (!grad || !g || !m0 || !v0 || m0.length !== g.length || v0.length !== g.length || numbers.some((x) => typeof x !== 'number')) {
      return fallback(args);
    }
    const [beta1, beta2, eps, bc2Sqrt] = numbers as [number, number, number, number];
    const mOut = zeroedFloat32(g.length);
    const vOut = zeroedFloat32(g.length);
    const direction = zeroedFloat32(g.length);
    addon.adamDirection(g, m0, v0, mOut, vOut, direction, 1 - beta1, beta2, 1 - beta2, bc2Sqrt, eps);
    const shape = grad.shape.slice();
    return [output(args.backend, shape, mOut), output(args.backend, shape, vOut), output(args.backend, shape, direction)];
  };
  return { [ADAM_DIRECTION_KERNEL]: adamDirection };
}
