import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { fusedStateKeys, optimizerStepKernelName, type FusedPart, type FusedRuleStep } from '../../shared/ml/optim/fusedStep.js';
import { type CpuKernelArgs, type FastKernel, output } from './cpuKernelArgs.js';
import type { NativeAddon } from './nativeAddon.js';

/** Its name has one home, beside the optimizer that calls it. */
export const OPTIMIZER_STEP_KERNEL = optimizerStepKernelName;

/**
 * A buffer the kernel may update in place: the tensor's own values when no other tensor shares
 * them (the caller disposes the input once it has the output), else a copy (or zeros for a state
 * the rule starts at zero).
 */
function ownedValues(backend: MathBackendCPU, info: TensorInfo | undefined, length: number): Float32Array | undefined {
  if (info === undefined) return new Float32Array(length);
  if (info.dtype !== 'float32') return undefined;
  const data = backend.data.get(info.dataId);
  const values = data.values;
  if (!(values instanceof Float32Array) || values.length !== length) return undefined;
  return data.refCount === 1 && values.byteOffset === 0 && values.length === values.buffer.byteLength / 4 ? values : Float32Array.from(values);
}

function partNumbers(part: FusedPart, hasState: boolean): number[] {
  if (part.kind === 'sgd') {
    const flags = (part.dampening !== 0 ? 1 : 0) | (part.nesterov ? 2 : 0) | (hasState ? 4 : 0);
    return [0, part.relative, part.weightDecay, part.momentum, 1 - part.dampening, 0, 0, 0, 0, flags];
  }
  const b = part.biasCorrection2Sqrt;
  return [1, part.relative, part.weightDecay, 1 - part.beta1, part.beta2, 1 - part.beta2, b, part.eps, part.eps * b, hasState ? 4 : 0];
}

/**
 * `OptlabOptimizerStep`: every parameter of one optimizer step in one native call (see
 * shared/ml/optim/fusedStep.ts). Inputs `<i>:weight`, `<i>:grad`, `<i>:<state key>` (a state absent
 * at the first step starts at zero, or SGD's buffer at the gradient); attrs `steps` (one
 * FusedRuleStep per parameter). Returns per parameter the new weight and its state tensors, whose
 * buffers are the inputs' own, updated in place, unless another tensor shares them.
 */
export function optimizerStepKernels(addon: NativeAddon): Record<string, FastKernel> {
  const optimizerStep: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const steps = args.attrs?.steps as unknown as FusedRuleStep[] | undefined;
    if (!Array.isArray(steps)) return fallback(args);
    const buffers: Array<Float32Array | null> = [];
    const numbers: number[] = [];
    const outputs: { shape: number[]; values: Float32Array }[] = [];
    for (const [i, step] of steps.entries()) {
      const weight = args.inputs[`${i}:weight`];
      const grad = args.inputs[`${i}:grad`];
      if (weight === undefined || grad === undefined || grad.dtype !== 'float32') return fallback(args);
      const length = weight.shape.reduce((a, b) => a * b, 1);
      const w = ownedValues(args.backend, weight, length);
      const g = args.backend.data.get(grad.dataId).values;
      if (w === undefined || !(g instanceof Float32Array) || g.length !== length) return fallback(args);
      const factor = step.lr * step.scale;
      numbers.push(step.parts.length, step.decay, step.decay !== 1 ? 1 : 0, factor, factor === 0 ? 1 : 0);
      buffers.push(w, g);
      outputs.push({ shape: weight.shape.slice(), values: w });
      for (const part of step.parts) {
        const keys = fusedStateKeys(part);
        const states = keys.map((key) => args.inputs[`${i}:${key}`]);
        // SGD's momentum buffer and AMSGrad's maximum say whether there was a previous step; Adam's
        // moments start at zero either way.
        const stateful = part.kind === 'sgd' ? states[0] !== undefined : part.amsgrad && states[2] !== undefined;
        numbers.push(...partNumbers(part, stateful));
        const values = states.map((info) => ownedValues(args.backend, info, length));
        if (values.some((v) => v === undefined)) return fallback(args);
        for (let s = 0; s < 3; s++) buffers.push(values[s] ?? null);
        for (const v of values) outputs.push({ shape: weight.shape.slice(), values: v! });
      }
    }
    addon.optimizerStep(buffers, Float64Array.from(numbers));
    return outputs.map((o) => output(args.backend, o.shape, o.values));
  };
  return { [OPTIMIZER_STEP_KERNEL]: optimizerStep };
}
