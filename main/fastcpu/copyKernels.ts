import { backend_util, type KernelFunc, slice_util, type TensorInfo, util } from '@tensorflow/tfjs-core';
import { type CpuKernelArgs, type FastKernel, float32Values, output, sizeOf, zeroedFloat32 } from './cpuKernelArgs.js';

/** Runs shorter than this are copied element by element (a subarray + set costs more for them). */
const SET_MIN_RUN = 48;

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  return strides;
}

/**
 * Copies the box of `size` at `srcBegin` in src (shape srcShape) to `dstBegin` in dst (shape
 * dstShape), as runs over the trailing axes that the box spans in both arrays.
 */
export function copyBox(
  src: Float32Array,
  srcShape: readonly number[],
  srcBegin: readonly number[],
  dst: Float32Array,
  dstShape: readonly number[],
  dstBegin: readonly number[],
  size: readonly number[],
): void {
  const rank = size.length;
  if (sizeOf(size) === 0) return;
  let k = rank - 1;
  let run = 1;
  while (k >= 0 && size[k] === srcShape[k] && size[k] === dstShape[k]) run *= size[k--]!;
  if (k < 0) {
    dst.set(src.subarray(0, run), 0);
    return;
  }
  run *= size[k]!;
  const srcStrides = stridesOf(srcShape);
  const dstStrides = stridesOf(dstShape);
  let srcOff = 0;
  let dstOff = 0;
  for (let d = 0; d <= k; d++) {
    srcOff += srcBegin[d]! * srcStrides[d]!;
    dstOff += dstBegin[d]! * dstStrides[d]!;
  }
  let outer = 1;
  for (let d = 0; d < k; d++) outer *= size[d]!;
  const index = new Array<number>(k).fill(0);
  for (let o = 0; o < outer; o++) {
    if (run >= SET_MIN_RUN) {
      dst.set(src.subarray(srcOff, srcOff + run), dstOff);
    } else {
      for (let i = 0; i < run; i++) dst[dstOff + i] = src[srcOff + i]!;
    }
    for (let d = k - 1; d >= 0; d--) {
      srcOff += srcStrides[d]!;
      dstOff += dstStrides[d]!;
      if (++index[d]! < size[d]!) break;
      srcOff -= srcStrides[d]! * size[d]!;
      dstOff -= dstStrides[d]! * size[d]!;
      index[d] = 0;
    }
  }
}

/**
 * Slice, SplitV, Concat and PadV2 of float32 tensors as block copies (a contiguous Slice stays a
 * view, as in the cpu kernel). The cpu backend copies a
 * strided slice element by element through index arrays, so a concatenation's gradient (SplitV
 * along channels, DenseNet's) took most of a training step.
 */
export function copyKernels(): Record<string, FastKernel> {
  const slice: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x } = args.inputs;
    const xv = float32Values(args.backend, x);
    if (!x || !xv || x.shape.length === 0) return fallback(args);
    const [begin, size] = slice_util.parseSliceParams(x, args.attrs?.begin as number[], args.attrs?.size as number[]);
    slice_util.assertParamsValid(x, begin, size);
    if (slice_util.isSliceContinous(x.shape, begin, size)) {
      // A view into x's buffer, as the cpu kernel.
      const offset = slice_util.computeFlatOffset(begin, util.computeStrides(x.shape));
      return output(args.backend, size, xv.subarray(offset, offset + sizeOf(size)));
    }
    const out = zeroedFloat32(sizeOf(size));
    copyBox(xv, x.shape, begin, out, size, new Array<number>(size.length).fill(0), size);
    return output(args.backend, size, out);
  };

  const splitV: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x } = args.inputs;
    const xv = float32Values(args.backend, x);
    if (!x || !xv || x.shape.length === 0) return fallback(args);
    const axis = util.parseAxisParam(args.attrs?.axis as number, x.shape)[0]!;
    const sizes = backend_util.prepareSplitSize(x as never, args.attrs?.numOrSizeSplits as number[] | number, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    const zeros = new Array<number>(x.shape.length).fill(0);
    const outs: TensorInfo[] = [];
    for (const s of sizes) {
      const size = x.shape.slice();
      size[axis] = s;
      const out = zeroedFloat32(sizeOf(size));
      copyBox(xv, x.shape, begin, out, size, zeros, size);
      outs.push(output(args.backend, size, out));
      begin[axis]! += s;
    }
    return outs;
  };

  const concat: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const inputs = Object.values(args.inputs) as TensorInfo[];
    const values = inputs.map((t) => float32Values(args.backend, t));
    if (inputs.length === 0 || values.some((v) => v === undefined) || inputs[0]!.shape.length === 0) return fallback(args);
    const axis = util.parseAxisParam(args.attrs?.axis as number, inputs[0]!.shape)[0]!;
    const shapes = inputs.map((t) => t.shape);
    backend_util.assertParamsConsistent(shapes, axis);
    const outShape = backend_util.computeOutShape(shapes, axis);
    const out = zeroedFloat32(sizeOf(outShape));
    const begin = new Array<number>(outShape.length).fill(0);
    const zeros = new Array<number>(outShape.length).fill(0);
    inputs.forEach((t, i) => {
      copyBox(values[i]!, t.shape, zeros, out, outShape, begin, t.shape);
      begin[axis]! += t.shape[axis]!;
    });
    return output(args.backend, outShape, out);
  };

  const padV2: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x } = args.inputs;
    const xv = float32Values(args.backend, x);
    const paddings = args.attrs?.paddings as Array<[number, number]> | undefined;
    if (!x || !xv || !paddings || paddings.length !== x.shape.length || x.shape.length === 0) return fallback(args);
    if (paddings.some(([before, after]) => before < 0 || after < 0)) return fallback(args);
    const outShape = x.shape.map((d, i) => paddings[i]![0] + d + paddings[i]![1]);
    const out = zeroedFloat32(sizeOf(outShape));
    const constant = Number(args.attrs?.constantValue ?? 0);
    if (constant !== 0) out.fill(constant);
    copyBox(xv, x.shape, new Array<number>(x.shape.length).fill(0), out, outShape, paddings.map(([before]) => before), x.shape);
    return output(args.backend, outShape, out);
  };

  return { Slice: slice, SplitV: splitV, Concat: concat, PadV2: padV2 };
}
