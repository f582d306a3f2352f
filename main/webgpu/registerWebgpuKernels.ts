import { getKernel, type KernelConfig, type KernelFunc, registerKernel, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { GELU_GRAD_KERNEL, GELU_KERNEL, registerGeluGradient } from '../fastcpu/geluKernels.js';
import { LAYER_NORM_GRAD_KERNEL, LAYER_NORM_KERNEL, registerLayerNormGradient } from '../fastcpu/layerNormKernels.js';
import { GeluGradProgram, GeluProgram } from './geluPrograms.js';
import { LayerNormGradInputProgram, LayerNormGradParamProgram, LayerNormProgram, LayerNormStatsProgram, layerNormUniformData } from './layerNormPrograms.js';

/**
 * Fused WebGPU kernels under the names the native CPU kernels use, so the model layers (gelu.ts,
 * layerNorm.ts) run them on the webgpu backend the same way: `OptlabGelu` / `OptlabGeluGrad` (one
 * shader each) and `OptlabLayerNorm` (one shader, a workgroup per row) / `OptlabLayerNormGrad`
 * (row statistics, dx, dγ, dβ: four dispatches). Depthwise convolution needs nothing here: tfjs's
 * webgpu backend has its own dedicated shaders for it and its two gradients.
 */
export const WEBGPU_FUSED_KERNELS = [GELU_KERNEL, GELU_GRAD_KERNEL, LAYER_NORM_KERNEL, LAYER_NORM_GRAD_KERNEL] as const;

type Args = { inputs: Record<string, TensorInfo | undefined>; backend: unknown; attrs?: Record<string, unknown> };

function tensorArg(inputs: Args['inputs'], name: string, kernel: string): TensorInfo {
  const t = inputs[name];
  if (!t || t.dtype !== 'float32') throw new Error(`${kernel}: input ${name} must be a float32 tensor`);
  return t;
}

function rowsAndCols(x: TensorInfo, gamma: TensorInfo, kernel: string): { rows: number; cols: number } {
  const cols = x.shape[x.shape.length - 1];
  if (x.shape.length < 1 || !cols || gamma.shape.length !== 1 || gamma.shape[0] !== cols) {
    throw new Error(`${kernel}: x ${JSON.stringify(x.shape)} must end in γ's length ${JSON.stringify(gamma.shape)}`);
  }
  return { rows: x.shape.reduce((a, b) => a * b, 1) / cols, cols };
}

function epsilonOf(attrs: Args['attrs'], kernel: string): number {
  const eps = attrs?.epsilon;
  if (typeof eps !== 'number' || !(eps >= 0)) throw new Error(`${kernel}: epsilon must be a number ≥ 0, got ${String(eps)}`);
  return eps;
}

function sameShape(a: TensorInfo, b: TensorInfo, kernel: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${kernel}: shapes ${JSON.stringify(a.shape)} and ${JSON.stringify(b.shape)} differ`);
  }
}

const gelu = ({ inputs, backend }: Args): TensorInfo => {
  const x = tensorArg(inputs, 'x', GELU_KERNEL);
  return (backend as WebGPUBackend).runWebGPUProgram(new GeluProgram(x.shape.slice()), [x], 'float32');
};

const geluGrad = ({ inputs, backend }: Args): TensorInfo => {
  const dy = tensorArg(inputs, 'dy', GELU_GRAD_KERNEL);
  const x = tensorArg(inputs, 'x', GELU_GRAD_KERNEL);
  sameShape(dy, x, GELU_GRAD_KERNEL);
  return (backend as WebGPUBackend).runWebGPUProgram(new GeluGradProgram(x.shape.slice()), [dy, x], 'float32');
};

const layerNorm = ({ inputs, backend, attrs }: Args): TensorInfo => {
  const x = tensorArg(inputs, 'x', LAYER_NORM_KERNEL);
  const gamma = tensorArg(inputs, 'gamma', LAYER_NORM_KERNEL);
  const beta = tensorArg(inputs, 'beta', LAYER_NORM_KERNEL);
  const { rows, cols } = rowsAndCols(x, gamma, LAYER_NORM_KERNEL);
  sameShape(gamma, beta, LAYER_NORM_KERNEL);
  const uniforms = layerNormUniformData(rows, cols, epsilonOf(attrs, LAYER_NORM_KERNEL));
  return (backend as WebGPUBackend).runWebGPUProgram(new LayerNormProgram(x.shape.slice(), rows), [x, gamma, beta], 'float32', uniforms);
};

const layerNormGrad = ({ inputs, backend, attrs }: Args): TensorInfo[] => {
  const gpu = backend as WebGPUBackend;
  const dy = tensorArg(inputs, 'dy', LAYER_NORM_GRAD_KERNEL);
  const x = tensorArg(inputs, 'x', LAYER_NORM_GRAD_KERNEL);
  const gamma = tensorArg(inputs, 'gamma', LAYER_NORM_GRAD_KERNEL);
  sameShape(dy, x, LAYER_NORM_GRAD_KERNEL);
  const { rows, cols } = rowsAndCols(x, gamma, LAYER_NORM_GRAD_KERNEL);
  const uniforms = layerNormUniformData(rows, cols, epsilonOf(attrs, LAYER_NORM_GRAD_KERNEL));
  const stats = gpu.runWebGPUProgram(new LayerNormStatsProgram([rows, 2], rows), [x], 'float32', uniforms);
  const dx = gpu.runWebGPUProgram(new LayerNormGradInputProgram(x.shape.slice(), rows), [dy, x, gamma, stats], 'float32', uniforms);
  const dgamma = gpu.runWebGPUProgram(new LayerNormGradParamProgram(cols, 'gamma'), [dy, x, stats], 'float32', uniforms);
  const dbeta = gpu.runWebGPUProgram(new LayerNormGradParamProgram(cols, 'beta'), [dy], 'float32', uniforms);
  gpu.disposeData(stats.dataId);
  return [dx, dgamma, dbeta];
};

const kernels: Record<(typeof WEBGPU_FUSED_KERNELS)[number], (args: Args) => TensorInfo | TensorInfo[]> = {
  [GELU_KERNEL]: gelu,
  [GELU_GRAD_KERNEL]: geluGrad,
  [LAYER_NORM_KERNEL]: layerNorm,
  [LAYER_NORM_GRAD_KERNEL]: layerNormGrad,
};

/** Registers the fused kernels on the 'webgpu' backend (once; their gradients are the native path's). */
export function registerWebgpuKernels(): void {
  registerGeluGradient();
  registerLayerNormGradient();
  for (const [kernelName, kernelFunc] of Object.entries(kernels)) {
    if (getKernel(kernelName, 'webgpu')) continue;
    registerKernel({ kernelName, backendName: 'webgpu', kernelFunc: kernelFunc as unknown as KernelFunc } satisfies KernelConfig);
  }
}
