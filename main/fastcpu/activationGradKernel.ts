import type { KernelFunc } from '@tensorflow/tfjs-core';
import { type CpuKernelArgs, type FastKernel, float32Values, output, uninitialisedFloat32, zeroedFloat32 } from './cpuKernelArgs.js';
import { ACTIVATION, type NativeAddon } from './nativeAddon.js';

/**
 * `OptlabActivationGrad` {dy, y} → dy·act'(y) for relu (tfjs's step of the input) and sigmoid
 * (y(1 − y)), y the activation's output; with attr `withBias`, also [dz, Σ dz over all but the last axis]
 * (a bias's gradient) from the same pass's output.
 */
export const ACTIVATION_GRAD_KERNEL = 'OptlabActivationGrad';

export function activationGradKernels(addon: NativeAddon): Record<string, FastKernel> {
  const activationGrad: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { dy, y } = args.inputs;
    const activation: unknown = args.attrs?.activation;
    const dyv = float32Values(args.backend, dy);
    const yv = float32Values(args.backend, y);
    if (!dy || !dyv || !yv || dyv.length !== yv.length || (activation !== 'relu' && activation !== 'sigmoid')) return fallback(args);
    const dz = uninitialisedFloat32(dyv.length); // written in full by activationGrad
    if (!args.attrs?.withBias) {
      addon.activationGrad(dyv, yv, dz, ACTIVATION[activation]);
      return output(args.backend, dy.shape.slice(), dz);
    }
    const db = zeroedFloat32(dy.shape[dy.shape.length - 1] ?? 1);
    addon.activationGradColumnSums(dyv, yv, dz, ACTIVATION[activation], db);
    return [output(args.backend, dy.shape.slice(), dz), output(args.backend, [db.length], db)];
  };
  return { [ACTIVATION_GRAD_KERNEL]: activationGrad };
}
