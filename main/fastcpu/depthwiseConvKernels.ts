import { backend_util, type KernelFunc } from '@tensorflow/tfjs-core';
import { geometry } from './convKernels.js';
import { type CpuKernelArgs, type FastKernel, float32Values, output, zeroedFloat32 } from './cpuKernelArgs.js';
import type { NativeAddon } from './nativeAddon.js';

type Conv2DInfo = backend_util.Conv2DInfo;
type Pad = Parameters<typeof backend_util.computeConv2DInfo>[4];
type Rounding = Parameters<typeof backend_util.computeConv2DInfo>[5];
type Shape4 = [number, number, number, number];

/** The geometry of an NHWC depthwise convolution with channel multiplier 1, or undefined (the native kernels' limits). */
function depthwiseInfo(args: CpuKernelArgs, xShape: readonly number[] | undefined, filterShape: readonly number[] | undefined): Conv2DInfo | undefined {
  const attrs = args.attrs ?? {};
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') return undefined;
  if (!xShape || !filterShape || xShape.length !== 4 || filterShape.length !== 4) return undefined;
  if (filterShape[3] !== 1 || filterShape[2] !== xShape[3]) return undefined;
  const info = backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    attrs.strides as [number, number] | number,
    (attrs.dilations ?? 1) as [number, number] | number,
    attrs.pad as Pad,
    attrs.dimRoundingMode as Rounding,
    true,
    'channelsLast',
  );
  return info.outChannels === info.inChannels && info.outHeight > 0 && info.outWidth > 0 ? info : undefined;
}

/**
 * DepthwiseConv2dNative and both of its gradients (…BackpropInput, …BackpropFilter) in NHWC with
 * channel multiplier 1 (EfficientNetV2's, MobileNet's), any stride, padding and dilation; other
 * cases fall back to the cpu kernels.
 */
export function depthwiseConvKernels(addon: NativeAddon): Record<string, FastKernel> {
  const forward: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, filter } = args.inputs;
    const xv = float32Values(args.backend, x);
    const fv = float32Values(args.backend, filter);
    const info = xv && fv ? depthwiseInfo(args, x?.shape, filter?.shape) : undefined;
    if (!xv || !fv || !info) return fallback(args);
    const y = zeroedFloat32(info.batchSize * info.outHeight * info.outWidth * info.outChannels);
    addon.depthwiseConv(xv, geometry(info, info.batchSize), fv, y);
    return output(args.backend, info.outShape, y);
  };
  const inputGrad: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { dy, filter } = args.inputs;
    const dyv = float32Values(args.backend, dy);
    const fv = float32Values(args.backend, filter);
    const info = dyv && fv ? depthwiseInfo(args, args.attrs?.inputShape as number[] | undefined, filter?.shape) : undefined;
    if (!dy || !dyv || !fv || !info || dyv.length !== info.batchSize * info.outHeight * info.outWidth * info.outChannels) return fallback(args);
    const dx = zeroedFloat32(info.batchSize * info.inHeight * info.inWidth * info.inChannels);
    addon.depthwiseConvInputGrad(dyv, geometry(info, info.batchSize), fv, dx);
    return output(args.backend, info.inShape, dx);
  };
  const filterGrad: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, dy } = args.inputs;
    const xv = float32Values(args.backend, x);
    const dyv = float32Values(args.backend, dy);
    const info = xv && dyv ? depthwiseInfo(args, x?.shape, args.attrs?.filterShape as number[] | undefined) : undefined;
    if (!xv || !dyv || !info || dyv.length !== info.batchSize * info.outHeight * info.outWidth * info.outChannels) return fallback(args);
    const dw = zeroedFloat32(info.filterHeight * info.filterWidth * info.inChannels);
    addon.depthwiseConvFilterGrad(xv, dyv, geometry(info, info.batchSize), dw);
    return output(args.backend, info.filterShape, dw);
  };
  return {
    DepthwiseConv2dNative: forward,
    DepthwiseConv2dNativeBackpropInput: inputGrad,
    DepthwiseConv2dNativeBackpropFilter: filterGrad,
  };
}
