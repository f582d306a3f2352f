import '@tensorflow/tfjs-backend-cpu';
import { getKernel, type KernelConfig, type KernelFunc, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { ADAM_DIRECTION_KERNEL, adamDirectionKernels } from './adamDirectionKernel.js';
import { ACTIVATION_GRAD_KERNEL, activationGradKernels } from './activationGradKernel.js';
import { CONV_LAYER_KERNEL, convKernels, convLayerKernels } from './convKernels.js';
import { registerConvLayerGradient } from './convLayerGradient.js';
import type { CpuKernelArgs, FastKernel } from './cpuKernelArgs.js';
import { batchNormKernels, binaryKernels, reduceKernels, tileKernels, unaryKernels } from './elementwiseKernels.js';
import { copyKernels } from './copyKernels.js';
import { depthwiseConvKernels } from './depthwiseConvKernels.js';
import { GELU_GRAD_KERNEL, GELU_KERNEL, geluKernels, registerGeluGradient } from './geluKernels.js';
import { LAYER_NORM_GRAD_KERNEL, LAYER_NORM_KERNEL, layerNormKernels, registerLayerNormGradient } from './layerNormKernels.js';
import { loadNativeAddon } from './loadNativeAddon.js';
import { matMulKernels } from './matMulKernels.js';
import type { NativeAddon } from './nativeAddon.js';
import { DENSE_GRAD_KERNEL, DENSE_KERNEL, denseKernels, registerDenseGradient } from './denseKernels.js';
import { lossKernels, registerSoftmaxCrossEntropyGradient, SOFTMAX_CROSS_ENTROPY_GRAD_KERNEL, SOFTMAX_CROSS_ENTROPY_KERNEL } from './lossKernels.js';
import { OPTIMIZER_STEP_KERNEL, optimizerStepKernels } from './optimizerStepKernel.js';
import { poolKernels } from './poolKernels.js';
import { outputBufferPool } from './outputBufferPool.js';
import { registerTrainBatchNormGradient, TRAIN_BATCH_NORM_GRAD_KERNEL, TRAIN_BATCH_NORM_KERNEL, trainBatchNormKernels } from './trainBatchNormKernels.js';

export type FastCpuRegistration = { ok: true; kernels: string[] } | { ok: false; reason: string };

export interface FastCpuOptions {
  /**
   * Threads of the run (default 1: training runs share the machine). They are the native pool's: it splits
   * matrix products into blocks and convolutions into slices of the batch, each a single-threaded sgemm.
   */
  threads?: number;
  /**
   * OpenBLAS's own threads (default 1). Above 1, each product is split by OpenBLAS instead of the pool
   * (whose threads would otherwise compete with OpenBLAS's spinning ones); measured slower on the CNN.
   */
  blasThreads?: number;
  /** Threads of the addon's own loops (optimizer step, …; default `threads`). */
  nativeThreads?: number;
  /**
   * Keep freed tensor buffers (up to 32 MiB each) in the malloc heap rather than returning them to
   * the system, so that each training step reuses the previous step's memory instead of faulting in
   * fresh pages (default true; the process keeps its peak heap).
   */
  retainFreedMemory?: boolean;
}

/** The cpu backend's own kernels that a native kernel replaced, by kernel name. */
const originals = new Map<string, KernelConfig>();
/** How often each native kernel handed a call to the original (unsupported dtype, layout, broadcast). */
const fallbackCounts = new Map<string, number>();

function allFastKernels(addon: NativeAddon): Record<string, FastKernel> {
  return {
    ...matMulKernels(addon),
    ...convKernels(addon),
    ...poolKernels(addon),
    ...binaryKernels(addon),
    ...unaryKernels(addon),
    ...reduceKernels(addon),
    ...tileKernels(addon),
    ...copyKernels(),
    ...batchNormKernels(addon),
    ...adamDirectionKernels(addon),
    // An addon built before these functions existed (a stale native/build) keeps the others.
    ...(typeof addon.optimizerStep === 'function' ? optimizerStepKernels(addon) : {}),
    ...(typeof addon.denseBackward === 'function' ? denseKernels(addon) : {}),
    ...(typeof addon.softmaxCrossEntropy === 'function' ? lossKernels(addon) : {}),
    ...(typeof addon.activationGrad === 'function' && typeof addon.directConv === 'function' && typeof addon.activationGradColumnSums === 'function'
      ? { ...activationGradKernels(addon), ...convLayerKernels(addon) }
      : {}),
    ...(typeof addon.batchNormTrainForward === 'function' ? trainBatchNormKernels(addon) : {}),
    ...(typeof addon.geluForward === 'function' ? geluKernels(addon) : {}),
    ...(typeof addon.layerNormForward === 'function' ? layerNormKernels(addon) : {}),
    ...(typeof addon.depthwiseConv === 'function' ? depthwiseConvKernels(addon) : {}),
  };
}

/** Kernels of our own (no tfjs kernel of that name), with what their inputs must be. */
const OWN_KERNELS: Record<string, string> = {
  [ADAM_DIRECTION_KERNEL]: 'float32 grad, m, v of one shape and numeric attrs',
  [OPTIMIZER_STEP_KERNEL]: 'float32 weights, gradients and states of matching sizes, one FusedRuleStep per parameter',
  [DENSE_KERNEL]: 'float32 x [m, k], weight [k, n], bias [n]; activation linear, relu or sigmoid',
  [DENSE_GRAD_KERNEL]: 'float32 dy [m, n], x [m, k], y [m, n]',
  [SOFTMAX_CROSS_ENTROPY_KERNEL]: 'float32 logits and labels of one shape [rows, classes]',
  [SOFTMAX_CROSS_ENTROPY_GRAD_KERNEL]: 'float32 logits and labels [rows, classes] and a scalar dy',
  [ACTIVATION_GRAD_KERNEL]: 'float32 dy and y of one size; activation relu or sigmoid',
  [CONV_LAYER_KERNEL]: 'FusedConv2D’s: float32 NHWC x, filter, bias [outC]',
  [TRAIN_BATCH_NORM_KERNEL]: 'float32 x (and residual) of one shape and gamma, beta of its last axis’s length',
  [TRAIN_BATCH_NORM_GRAD_KERNEL]: 'float32 dy, x, y of one shape and gamma, mean, variance, dMean, dVariance of its last axis’s length',
  [GELU_KERNEL]: 'float32 x',
  [GELU_GRAD_KERNEL]: 'float32 dy and x of one size',
  [LAYER_NORM_KERNEL]: 'float32 x and gamma, beta of its last axis’s length; attr epsilon ≥ 0',
  [LAYER_NORM_GRAD_KERNEL]: 'float32 dy and x of one shape, gamma of its last axis’s length; attr epsilon ≥ 0',
};

/** A kernel of our own has no original: its fallback says so (the caller checks registration first). */
function noOriginal(kernelName: string): KernelConfig {
  return {
    kernelName,
    backendName: 'cpu',
    kernelFunc: () => {
      throw new Error(`${kernelName}: unsupported inputs (${OWN_KERNELS[kernelName]})`);
    },
  };
}

/**
 * Replaces the tfjs 'cpu' backend's heavy kernels (matmul, convolution and its gradients, max
 * pooling, elementwise ops, reductions) by native ones (OpenBLAS sgemm, im2col). Gradients are
 * keyed by kernel name, so they follow. Each native kernel falls back to the original for cases
 * it does not cover (other dtypes, NCHW, unusual broadcasts). Idempotent; call before training.
 */
export function registerFastCpuKernels(options: FastCpuOptions = {}): FastCpuRegistration {
  const loaded = loadNativeAddon();
  if (!loaded.ok) return { ok: false, reason: loaded.reason };
  const { addon } = loaded;
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  addon.setNumThreads(Math.max(1, Math.floor(options.blasThreads ?? 1)));
  if (typeof addon.setNativeThreads === 'function') addon.setNativeThreads(Math.max(1, Math.floor(options.nativeThreads ?? threads)));
  if (options.retainFreedMemory ?? true) addon.retainFreedMemory(32 * 1024 * 1024);
  registerDenseGradient();
  registerSoftmaxCrossEntropyGradient();
  registerConvLayerGradient();
  registerTrainBatchNormGradient();
  registerGeluGradient();
  registerLayerNormGradient();
  const registered: string[] = [];
  for (const [kernelName, fast] of Object.entries(allFastKernels(addon))) {
    const original = originals.get(kernelName) ?? getKernel(kernelName, 'cpu') ?? (kernelName in OWN_KERNELS ? noOriginal(kernelName) : undefined);
    if (!original) continue;
    originals.set(kernelName, original);
    const originalFunc = original.kernelFunc;
    const fallback: KernelFunc = (args) => {
      fallbackCounts.set(kernelName, (fallbackCounts.get(kernelName) ?? 0) + 1);
      return originalFunc(args);
    };
    if (getKernel(kernelName, 'cpu')) unregisterKernel(kernelName, 'cpu');
    registerKernel({
      kernelName,
      backendName: 'cpu',
      kernelFunc: ((args: CpuKernelArgs) => {
        outputBufferPool.attach(args.backend);
        return fast(args, fallback);
      }) as KernelFunc,
    });
    registered.push(kernelName);
  }
  return { ok: true, kernels: registered.sort() };
}

/** Puts the cpu backend's own kernels back (benchmarks compare both in one process). */
export function unregisterFastCpuKernels(): void {
  for (const [kernelName, original] of originals) {
    if (getKernel(kernelName, 'cpu')) unregisterKernel(kernelName, 'cpu');
    if (!(kernelName in OWN_KERNELS)) registerKernel(original);
  }
  originals.clear();
}

/** The cpu backend's own kernel for a name (the reference the native kernels are tested against). */
export function originalCpuKernel(kernelName: string): KernelConfig | undefined {
  return originals.get(kernelName) ?? getKernel(kernelName, 'cpu');
}

/** Calls each native kernel has passed on to the original cpu kernel in this process, by name. */
export function fastCpuFallbackCounts(): Record<string, number> {
  return Object.fromEntries(fallbackCounts);
}

export { ADAM_DIRECTION_KERNEL } from './adamDirectionKernel.js';
