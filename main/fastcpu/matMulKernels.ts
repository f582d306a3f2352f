import { broadcast_util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { type CpuKernelArgs, type FastKernel, float32Values, output, sizeOf, uninitialisedFloat32 } from './cpuKernelArgs.js';
import { ACTIVATION, type NativeAddon } from './nativeAddon.js';

interface MatMulPlan {
  m: number;
  n: number;
  k: number;
  batch: number;
  strideA: number;
  strideB: number;
  outShape: number[];
}

/** Shapes of a (batched, broadcast) matmul, or undefined when the batch dims do not broadcast simply. */
function planMatMul(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): MatMulPlan | undefined {
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2) return undefined;
  const m = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const kA = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const kB = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const n = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (kA !== kB) return undefined;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = sizeOf(outerA);
  const batchB = sizeOf(outerB);
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return undefined;
  const outer = broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  const batch = Math.max(batchA, batchB);
  if (sizeOf(outer) !== batch) return undefined;
  return {
    m,
    n,
    k: kA,
    batch,
    strideA: batchA === 1 ? 0 : m * kA,
    strideB: batchB === 1 ? 0 : kA * n,
    outShape: [...outer, m, n],
  };
}

function runMatMul(addon: NativeAddon, args: CpuKernelArgs): { plan: MatMulPlan; out: Float32Array } | undefined {
  const { a, b } = args.inputs;
  const transposeA = Boolean(args.attrs?.transposeA);
  const transposeB = Boolean(args.attrs?.transposeB);
  const aVals = float32Values(args.backend, a);
  const bVals = float32Values(args.backend, b);
  if (!a || !b || !aVals || !bVals) return undefined;
  const plan = planMatMul(a, b, transposeA, transposeB);
  if (!plan) return undefined;
  const out = uninitialisedFloat32(plan.batch * plan.m * plan.n); // written in full by the sgemm (beta 0; zeros when k is 0)
  addon.gemm(transposeA, transposeB, plan.m, plan.n, plan.k, aVals, plan.strideA, bVals, plan.strideB, out, plan.m * plan.n, plan.batch, 0);
  return { plan, out };
}

function activationCode(activation: unknown): number | undefined {
  if (activation === undefined || activation === null) return ACTIVATION.linear;
  return typeof activation === 'string' && activation in ACTIVATION
    ? ACTIVATION[activation as keyof typeof ACTIVATION]
    : undefined;
}

/** BatchMatMul and _FusedMatMul (bias over the last dim and the activation applied in the same pass). */
export function matMulKernels(addon: NativeAddon): Record<string, FastKernel> {
  const batchMatMul: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const result = runMatMul(addon, args);
    if (!result) return fallback(args);
    return output(args.backend, result.plan.outShape, result.out);
  };

  const fusedMatMul: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { bias } = args.inputs;
    const activation = activationCode(args.attrs?.activation);
    const biasVals = bias ? float32Values(args.backend, bias) : undefined;
    if (activation === undefined || (bias && !biasVals)) return fallback(args);
    const a = args.inputs.a!;
    const b = args.inputs.b!;
    const plan = planMatMul(a, b, Boolean(args.attrs?.transposeA), Boolean(args.attrs?.transposeB));
    // Only a bias that is one value per output column (shape [n], [1, n], …) is fused here.
    if (
      !plan ||
      (bias &&
        (sizeOf(bias.shape) !== plan.n ||
          bias.shape[bias.shape.length - 1] !== plan.n ||
          bias.shape.length > plan.outShape.length))
    ) {
      return fallback(args);
    }
    const result = runMatMul(addon, args);
    if (!result) return fallback(args);
    const alpha = typeof args.attrs?.leakyreluAlpha === 'number' ? args.attrs.leakyreluAlpha : 0.2;
    addon.biasActivation(result.out, plan.batch * plan.m, plan.n, biasVals ?? null, activation, alpha);
    return output(args.backend, plan.outShape, result.out);
  };

  return { BatchMatMul: batchMatMul, _FusedMatMul: fusedMatMul };
}
