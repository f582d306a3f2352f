import { backend_util, type KernelFunc, util } from '@tensorflow/tfjs-core';
import { type CpuKernelArgs, type FastKernel, float32Values, output, sizeOf, zeroedFloat32 } from './cpuKernelArgs.js';
import { BINARY_OP, type NativeAddon, UNARY_OP } from './nativeAddon.js';

/** Strips leading 1s so that [1, 1, 10] and [10] compare equal as trailing blocks. */
function squeezeLeading(shape: readonly number[]): readonly number[] {
  let i = 0;
  while (i < shape.length && shape[i] === 1) i++;
  return shape.slice(i);
}

/** True when `small` broadcasts over `full` as a repeated trailing block (a scalar, a bias row…). */
function isTrailingBlock(small: readonly number[], full: readonly number[]): boolean {
  const s = squeezeLeading(small);
  if (s.length > full.length) return false;
  const offset = full.length - s.length;
  return s.every((d, i) => d === full[offset + i]);
}

/** True when `small` is `full` with its last dimension reduced to 1 ([n, c] vs [n, 1]). */
function isColumn(small: readonly number[], full: readonly number[]): boolean {
  if (small.length !== full.length || full.length < 2) return false;
  if (small[small.length - 1] !== 1) return false;
  return small.slice(0, -1).every((d, i) => d === full[i]);
}

/** Float32 binary ops: fast loops for same-shape, scalar, trailing-block and per-row operands, strided otherwise. */
export function binaryKernels(addon: NativeAddon): Record<string, FastKernel> {
  const make =
    (code: number): FastKernel =>
    (args: CpuKernelArgs, fallback: KernelFunc) => {
      const { a, b } = args.inputs;
      const aVals = float32Values(args.backend, a);
      const bVals = float32Values(args.backend, b);
      if (!a || !b || !aVals || !bVals) return fallback(args);
      const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const n = sizeOf(outShape);
      if (n === 0) return fallback(args);
      const out = zeroedFloat32(n);
      const aFull = aVals.length === n;
      const bFull = bVals.length === n;
      if ((aFull || isTrailingBlock(a.shape, outShape)) && (bFull || isTrailingBlock(b.shape, outShape))) {
        addon.binary(code, aVals, bVals, out);
      } else if (aFull && isColumn(b.shape, outShape)) {
        const cols = outShape[outShape.length - 1]!;
        addon.binaryColumn(code, aVals, bVals, out, n / cols, cols, false);
      } else if (bFull && isColumn(a.shape, outShape)) {
        const cols = outShape[outShape.length - 1]!;
        addon.binaryColumn(code, bVals, aVals, out, n / cols, cols, true);
      } else if (outShape.length <= 8) {
        const padded = (shape: number[]) => Int32Array.from([...Array<number>(outShape.length - shape.length).fill(1), ...shape]);
        addon.binaryStrided(code, aVals, padded(a.shape), bVals, padded(b.shape), Int32Array.from(outShape), out);
      } else {
        return fallback(args);
      }
      return output(args.backend, outShape, out);
    };
  const kernels: Record<string, FastKernel> = {};
  for (const [name, code] of Object.entries(BINARY_OP)) kernels[name] = make(code);
  return kernels;
}

/** Float32 unary ops (Step reads its `alpha`). */
export function unaryKernels(addon: NativeAddon): Record<string, FastKernel> {
  const make =
    (code: number): FastKernel =>
    (args: CpuKernelArgs, fallback: KernelFunc) => {
      const { x } = args.inputs;
      const xVals = float32Values(args.backend, x);
      if (!x || !xVals) return fallback(args);
      const out = zeroedFloat32(xVals.length);
      const alpha = typeof args.attrs?.alpha === 'number' ? args.attrs.alpha : 0;
      addon.unary(code, xVals, out, alpha);
      return output(args.backend, x.shape.slice(), out);
    };
  const kernels: Record<string, FastKernel> = {};
  for (const [name, code] of Object.entries(UNARY_OP)) kernels[name] = make(code);
  return kernels;
}

/** x viewed as [outer, reduce, inner] for a contiguous run of axes, with the output shape. */
function contiguousReduction(
  shape: number[],
  axisAttr: unknown,
  keepDims: boolean,
): { outer: number; reduce: number; inner: number; outShape: number[] } | undefined {
  const axes = util.parseAxisParam(axisAttr as number | number[], shape).sort((p, q) => p - q);
  if (axes.length === 0) return undefined;
  const first = axes[0]!;
  const last = axes[axes.length - 1]!;
  if (last - first + 1 !== axes.length) return undefined;
  return {
    outer: sizeOf(shape.slice(0, first)),
    reduce: sizeOf(shape.slice(first, last + 1)),
    inner: sizeOf(shape.slice(last + 1)),
    outShape: keepDims ? shape.map((d, i) => (i >= first && i <= last ? 1 : d)) : shape.filter((_, i) => i < first || i > last),
  };
}

/** Sum, Max and Mean over a contiguous run of axes (bias gradients, softmax rows, batch norm). */
export function reduceKernels(addon: NativeAddon): Record<string, FastKernel> {
  const make =
    (axisAttr: string, kind: 'sum' | 'max' | 'mean'): FastKernel =>
    (args: CpuKernelArgs, fallback: KernelFunc) => {
      const { x } = args.inputs;
      const xVals = float32Values(args.backend, x);
      if (!x || !xVals || xVals.length === 0) return fallback(args);
      const plan = contiguousReduction(x.shape, args.attrs?.[axisAttr], Boolean(args.attrs?.keepDims));
      if (!plan) return fallback(args);
      let source = xVals;
      if (kind === 'mean') {
        // As the cpu kernel: divide by the count first, then sum.
        source = zeroedFloat32(xVals.length);
        addon.binary(BINARY_OP.RealDiv, xVals, Float32Array.of(plan.reduce), source);
      }
      const out = zeroedFloat32(plan.outer * plan.inner);
      addon.reduceMiddle(source, plan.outer, plan.reduce, plan.inner, out, kind === 'max');
      return output(args.backend, plan.outShape, out);
    };
  return { Sum: make('axis', 'sum'), Max: make('reductionIndices', 'max'), Mean: make('axis', 'mean') };
}

/** Tile of float32 tensors (batch-norm and mean gradients broadcast statistics back this way). */
export function tileKernels(addon: NativeAddon): Record<string, FastKernel> {
  const tile: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x } = args.inputs;
    const xVals = float32Values(args.backend, x);
    const reps = args.attrs?.reps as number[] | undefined;
    if (!x || !xVals || !reps || reps.length !== x.shape.length || x.shape.length === 0 || x.shape.length > 8) {
      return fallback(args);
    }
    if (xVals.length === 0 || reps.some((r) => r < 1)) return fallback(args);
    const outShape = x.shape.map((d, i) => d * reps[i]!);
    const out = zeroedFloat32(sizeOf(outShape));
    addon.tile(xVals, Int32Array.from(x.shape), Int32Array.from(reps), out);
    return output(args.backend, outShape, out);
  };
  return { Tile: tile };
}

/** FusedBatchNorm (inference form over given statistics; training passes batch moments). */
export function batchNormKernels(addon: NativeAddon): Record<string, FastKernel> {
  const batchNorm: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, mean, variance, scale, offset } = args.inputs;
    const xVals = float32Values(args.backend, x);
    const mVals = float32Values(args.backend, mean);
    const vVals = float32Values(args.backend, variance);
    const sVals = scale ? float32Values(args.backend, scale) : undefined;
    const oVals = offset ? float32Values(args.backend, offset) : undefined;
    if (!x || !xVals || !mVals || !vVals || (scale && !sVals) || (offset && !oVals)) return fallback(args);
    if ([mVals, vVals, sVals, oVals].some((v) => v !== undefined && v.length === 0) || xVals.length === 0) return fallback(args);
    const eps = typeof args.attrs?.varianceEpsilon === 'number' ? args.attrs.varianceEpsilon : 0.001;
    const out = zeroedFloat32(xVals.length);
    addon.batchNorm(xVals, mVals, vVals, sVals ?? null, oVals ?? null, eps, out);
    return output(args.backend, x.shape.slice(), out);
  };
  return { FusedBatchNorm: batchNorm };
}
