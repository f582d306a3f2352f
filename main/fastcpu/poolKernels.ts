import { backend_util, type KernelFunc } from '@tensorflow/tfjs-core';
import { type CpuKernelArgs, type FastKernel, float32Values, output, uninitialisedFloat32 } from './cpuKernelArgs.js';
import type { NativeAddon } from './nativeAddon.js';

type Pool2DInfo = backend_util.Conv2DInfo;
type Pad = Parameters<typeof backend_util.computePool2DInfo>[4];
type Rounding = Parameters<typeof backend_util.computePool2DInfo>[5];

function poolInfoOf(args: CpuKernelArgs, xShape: number[]): Pool2DInfo | undefined {
  const attrs = args.attrs ?? {};
  if (xShape.length !== 4) return undefined;
  return backend_util.computePool2DInfo(
    xShape as [number, number, number, number],
    attrs.filterSize as [number, number] | number,
    attrs.strides as [number, number] | number,
    1,
    attrs.pad as Pad,
    attrs.dimRoundingMode as Rounding,
  );
}

/** Geometry for native max pooling (layout in native/src/kernels.h). */
function geometry(info: Pool2DInfo): Int32Array {
  return Int32Array.from([
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
    info.outHeight,
    info.outWidth,
  ]);
}

/** MaxPool and MaxPoolGrad (NHWC, gradient to the first strict maximum of each window, as tfjs). */
export function poolKernels(addon: NativeAddon): Record<string, FastKernel> {
  const maxPool: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x } = args.inputs;
    const xVals = float32Values(args.backend, x);
    if (!x || !xVals) return fallback(args);
    const info = poolInfoOf(args, x.shape);
    // A 1×1 pool that keeps the shape is tfjs's identity (NaN passes through it).
    if (!info || (info.filterHeight === 1 && info.filterWidth === 1 && info.outHeight === info.inHeight && info.outWidth === info.inWidth)) {
      return fallback(args);
    }
    // Every window's output is written (from -inf up).
    const y = uninitialisedFloat32(info.batchSize * info.outHeight * info.outWidth * info.outChannels);
    addon.maxPool(xVals, geometry(info), y);
    return output(args.backend, info.outShape, y);
  };

  const maxPoolGrad: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { dy, input, output: forward } = args.inputs;
    const dyVals = float32Values(args.backend, dy);
    const xVals = float32Values(args.backend, input);
    const yVals = float32Values(args.backend, forward);
    if (!dy || !input || !dyVals || !xVals || !yVals) return fallback(args);
    const info = poolInfoOf(args, input.shape);
    if (!info) return fallback(args);
    const dx = uninitialisedFloat32(xVals.length); // every element written (0 where no window's maximum is)
    addon.maxPoolGrad(xVals, yVals, dyVals, geometry(info), dx);
    return output(args.backend, input.shape, dx);
  };

  return { MaxPool: maxPool, MaxPoolGrad: maxPoolGrad };
}
