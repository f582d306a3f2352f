import { backend_util, type KernelFunc } from '@tensorflow/tfjs-core';
import { type CpuKernelArgs, type FastKernel, float32Values, output, sizeOf, uninitialisedFloat32, zeroedFloat32 } from './cpuKernelArgs.js';
import { ACTIVATION, type NativeAddon } from './nativeAddon.js';
import { convLayerKernelName } from '../../shared/ml/models/layers/conv2d.js';

export const CONV_LAYER_KERNEL = convLayerKernelName;

type Conv2DInfo = backend_util.Conv2DInfo;
type Pad = Parameters<typeof backend_util.computeConv2DInfo>[4];
type Rounding = Parameters<typeof backend_util.computeConv2DInfo>[5];
type Shape4 = [number, number, number, number];

/**
 * Target size of one im2col slice (the batch is processed in slices of images): about one core's L2
 * cache (2 MiB), so that sgemm reads the columns im2col has just written from cache instead of memory.
 * Measured in CPU time on ResNet-18's convolutions at batch 128 (docs/perf.md): 28×28, 64 → 64
 * channels 175 → 100 ms forward, 132 → 92 ms input gradient, 137 → 86 ms filter gradient against
 * slices of 16 MiB.
 */
const SLICE_COLS_FLOATS = 512 * 1024;
/** sgemm slows down on few rows: a slice has at least this many output pixels (deep layers' 4×4 images) even when it outgrows the target. */
const MIN_SLICE_ROWS = 512;

function convInfoOf(args: CpuKernelArgs, xShape: number[], filterShape: number[], dilations: unknown): Conv2DInfo | undefined {
  const attrs = args.attrs ?? {};
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') return undefined;
  if (xShape.length !== 4 || filterShape.length !== 4) return undefined;
  return backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    attrs.strides as [number, number] | number,
    (dilations ?? 1) as [number, number] | number,
    attrs.pad as Pad,
    attrs.dimRoundingMode as Rounding,
    false,
    'channelsLast',
  );
}

/** Geometry for native im2col/col2im over `images` images (layout in native/src/kernels.h). */
export function geometry(info: Conv2DInfo, images: number): Int32Array {
  return Int32Array.from([
    images,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.filterHeight,
    info.filterWidth,
    info.outChannels,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
    info.dilationHeight,
    info.dilationWidth,
    info.outHeight,
    info.outWidth,
  ]);
}

/** A 1×1, stride-1, unpadded convolution is a plain matmul over pixels: no im2col needed. */
function isPointwise(info: Conv2DInfo): boolean {
  return (
    info.filterHeight === 1 &&
    info.filterWidth === 1 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0
  );
}

function imagesPerSlice(info: Conv2DInfo): number {
  const perImage = info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels;
  const pixels = info.outHeight * info.outWidth;
  const images = Math.max(1, Math.ceil(MIN_SLICE_ROWS / Math.max(1, pixels)), Math.floor(SLICE_COLS_FLOATS / Math.max(1, perImage)));
  return Math.max(1, Math.min(info.batchSize, images)); // at least 1, also for an empty batch
}

interface ConvSizes {
  pixels: number; // output pixels per image
  patch: number; // filterH·filterW·inC
  inImage: number;
  outImage: number;
}

function sizes(info: Conv2DInfo): ConvSizes {
  return {
    pixels: info.outHeight * info.outWidth,
    patch: info.filterHeight * info.filterWidth * info.inChannels,
    inImage: info.inHeight * info.inWidth * info.inChannels,
    outImage: info.outHeight * info.outWidth * info.outChannels,
  };
}

/**
 * Whether the convolution runs directly, without an im2col buffer: 16–32 input channels into 32 or 64
 * output channels (the direct kernel's accumulators fit in registers there). Measured in CPU time for
 * a batch of 128 (docs/perf.md): 16→32 channels on 11×11 outputs 2.0 ms direct against 2.5 ms through
 * im2col + sgemm, 32→32 on 10×10 2.35 against 4.6 ms; with 1 or 8 input channels or 16 outputs the
 * direct kernel is slower (1→16 on 26×26: 5.0 against 1.6 ms), so those keep im2col.
 */
function isDirect(info: Conv2DInfo): boolean {
  return info.inChannels >= 16 && info.inChannels <= 32 && (info.outChannels === 32 || info.outChannels === 64) && !isPointwise(info);
}

/**
 * Whether the convolution has one input channel (a first layer on grey images), which the native
 * kernel computes directly: im2col would copy each pixel fh·fw times into columns of fh·fw values,
 * too few for sgemm to run at speed. Measured in CPU time at batch 128, 28×28 → 26×26, 3×3, 1 → 16
 * channels: forward with bias and ReLU 0.9 ms against 1.5 ms through im2col + sgemm + the bias pass,
 * filter gradient 0.95 against 1.5 ms.
 */
function isSingleChannel(info: Conv2DInfo): boolean {
  return (
    info.inChannels === 1 &&
    info.filterHeight * info.filterWidth <= 49 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    [8, 16, 32, 64].includes(info.outChannels)
  );
}

/**
 * y = act(conv(x, filter) + bias) in NHWC: directly where channels are few, else im2col ·
 * filter[patch, outC] followed by one bias + activation pass.
 */
export function fusedConvForward(
  addon: NativeAddon,
  info: Conv2DInfo,
  x: Float32Array,
  filter: Float32Array,
  bias: Float32Array | null,
  activation: number,
  alpha: number,
): Float32Array {
  if (isSingleChannel(info)) {
    const y = uninitialisedFloat32(info.batchSize * sizes(info).outImage); // every pixel written
    addon.singleChannelConv(x, geometry(info, info.batchSize), filter, bias, activation, alpha, y);
    return y;
  }
  if (isDirect(info) && typeof addon.directConv === 'function') {
    const y = zeroedFloat32(info.batchSize * sizes(info).outImage);
    addon.directConv(x, geometry(info, info.batchSize), filter, bias, activation, alpha, y);
    return y;
  }
  const y = convForward(addon, info, x, filter);
  addon.biasActivation(y, y.length / info.outChannels, info.outChannels, bias, activation, alpha);
  return y;
}

/** y = conv(x, filter) in NHWC as im2col · filter[patch, outC], over slices of the batch spread over the run's threads. */
function convForward(addon: NativeAddon, info: Conv2DInfo, x: Float32Array, filter: Float32Array): Float32Array {
  const s = sizes(info);
  // Every row is written by an sgemm with beta 0 (one per slice of the batch).
  const y = uninitialisedFloat32(info.batchSize * s.outImage);
  const outC = info.outChannels;
  if (isPointwise(info)) {
    addon.gemm(false, false, info.batchSize * s.pixels, outC, s.patch, x, 0, filter, 0, y, 0, 1, 0);
    return y;
  }
  addon.convGemmForward(x, geometry(info, info.batchSize), filter, imagesPerSlice(info), y);
  return y;
}

/** dx = col2im(dy · filterᵀ), over slices of the batch spread over the run's threads. */
function convBackpropInput(addon: NativeAddon, info: Conv2DInfo, dy: Float32Array, filter: Float32Array): Float32Array {
  const s = sizes(info);
  const dx = zeroedFloat32(info.batchSize * s.inImage);
  const outC = info.outChannels;
  if (isPointwise(info) && info.outHeight === info.inHeight && info.outWidth === info.inWidth) {
    addon.gemm(false, true, info.batchSize * s.pixels, s.patch, outC, dy, 0, filter, 0, dx, 0, 1, 0);
    return dx;
  }
  addon.convGemmInputGrad(dy, geometry(info, info.batchSize), filter, imagesPerSlice(info), dx);
  return dx;
}

/** dW[patch, outC] = im2col(x)ᵀ · dy, accumulated over slices of the batch (each thread sums a run of slices). */
function convBackpropFilter(addon: NativeAddon, info: Conv2DInfo, x: Float32Array, dy: Float32Array): Float32Array {
  const s = sizes(info);
  const outC = info.outChannels;
  // Written in full: by sgemm with beta 0 (the first slice, or the pointwise product), or zeroed for an empty batch.
  const dw = uninitialisedFloat32(s.patch * outC);
  if (isSingleChannel(info)) {
    addon.singleChannelConvFilterGrad(x, dy, geometry(info, info.batchSize), dw);
    return dw;
  }
  if (isPointwise(info) && info.outHeight === info.inHeight && info.outWidth === info.inWidth) {
    addon.gemm(true, false, s.patch, outC, info.batchSize * s.pixels, x, 0, dy, 0, dw, 0, 1, 0);
    return dw;
  }
  addon.convGemmFilterGrad(x, dy, geometry(info, info.batchSize), imagesPerSlice(info), dw);
  return dw;
}

/**
 * The conv layer of the models library (shared/ml/models/layers/conv2d.ts): FusedConv2D's inputs and
 * attrs, with a gradient of its own (convLayerGradient.ts) so that it stays one kernel in training.
 */
export function convLayerKernels(addon: NativeAddon): Record<string, FastKernel> {
  return { [CONV_LAYER_KERNEL]: convKernels(addon).FusedConv2D! };
}

/** Conv2D, FusedConv2D (per-channel bias + activation), Conv2DBackpropInput, Conv2DBackpropFilter. */
export function convKernels(addon: NativeAddon): Record<string, FastKernel> {
  const conv2D: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, filter } = args.inputs;
    const xVals = float32Values(args.backend, x);
    const fVals = float32Values(args.backend, filter);
    if (!x || !filter || !xVals || !fVals) return fallback(args);
    const info = convInfoOf(args, x.shape, filter.shape, args.attrs?.dilations);
    if (!info) return fallback(args);
    return output(args.backend, info.outShape, fusedConvForward(addon, info, xVals, fVals, null, ACTIVATION.linear, 0));
  };

  const fusedConv2D: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, filter, bias } = args.inputs;
    const xVals = float32Values(args.backend, x);
    const fVals = float32Values(args.backend, filter);
    const bVals = bias ? float32Values(args.backend, bias) : undefined;
    const activation = args.attrs?.activation ?? 'linear';
    if (!x || !filter || !xVals || !fVals || (bias && !bVals)) return fallback(args);
    if (typeof activation !== 'string' || !(activation in ACTIVATION)) return fallback(args);
    const info = convInfoOf(args, x.shape, filter.shape, args.attrs?.dilations);
    if (!info) return fallback(args);
    if (bias && (sizeOf(bias.shape) !== info.outChannels || bias.shape.length !== 1)) return fallback(args);
    const alpha = typeof args.attrs?.leakyreluAlpha === 'number' ? args.attrs.leakyreluAlpha : 0.2;
    const y = fusedConvForward(addon, info, xVals, fVals, bVals ?? null, ACTIVATION[activation as keyof typeof ACTIVATION], alpha);
    return output(args.backend, info.outShape, y);
  };

  const conv2DBackpropInput: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { dy, filter } = args.inputs;
    const dyVals = float32Values(args.backend, dy);
    const fVals = float32Values(args.backend, filter);
    const inputShape = args.attrs?.inputShape as number[] | undefined;
    if (!dy || !filter || !dyVals || !fVals || !inputShape) return fallback(args);
    const info = convInfoOf(args, inputShape, filter.shape, 1);
    if (!info) return fallback(args);
    return output(args.backend, info.inShape, convBackpropInput(addon, info, dyVals, fVals));
  };

  const conv2DBackpropFilter: FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => {
    const { x, dy } = args.inputs;
    const xVals = float32Values(args.backend, x);
    const dyVals = float32Values(args.backend, dy);
    const filterShape = args.attrs?.filterShape as number[] | undefined;
    if (!x || !dy || !xVals || !dyVals || !filterShape) return fallback(args);
    const info = convInfoOf(args, x.shape, filterShape, 1);
    if (!info) return fallback(args);
    return output(args.backend, info.filterShape, convBackpropFilter(addon, info, xVals, dyVals));
  };

  return {
    Conv2D: conv2D,
    FusedConv2D: fusedConv2D,
    Conv2DBackpropInput: conv2DBackpropInput,
    Conv2DBackpropFilter: conv2DBackpropFilter,
  };
}
