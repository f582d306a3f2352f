import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { outputBufferPool } from './outputBufferPool.js';

/** What the engine passes a kernel registered on the 'cpu' backend. */
export interface CpuKernelArgs {
  inputs: NamedTensorInfoMap;
  backend: MathBackendCPU;
  attrs?: NamedAttrMap;
}

/** A native kernel; calls `fallback` (the original cpu kernel) for cases it does not handle. */
export type FastKernel = (args: CpuKernelArgs, fallback: KernelFunc) => TensorInfo | TensorInfo[];

/** The float32 values of a tensor held by the cpu backend, or undefined for other dtypes. */
export function float32Values(backend: MathBackendCPU, info: TensorInfo | undefined): Float32Array | undefined {
  if (info === undefined || info.dtype !== 'float32') return undefined;
  const values = backend.data.get(info.dataId).values;
  return values instanceof Float32Array ? values : undefined;
}

export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

export function output(backend: MathBackendCPU, shape: number[], values: Float32Array): TensorInfo {
  return backend.makeTensorInfo(shape, 'float32', values);
}

/** Below this many floats a new zero-filled array costs no more than a reused or uninitialised one. */
const POOLED_MIN_LENGTH = 16 * 1024;

/**
 * A float array for a kernel output that the kernel writes in full before anything reads it: a
 * disposed output's array of the same length when there is one (outputBufferPool.ts), else one whose
 * memory is not zero-filled first (`Buffer.allocUnsafeSlow`, an ArrayBuffer of its own, never Node's
 * shared pool), which saves a pass over it (0.25–0.5 ms for 5.5 MB). Never for outputs that are
 * accumulated into (zeroedFloat32).
 */
export function uninitialisedFloat32(length: number): Float32Array {
  return length < POOLED_MIN_LENGTH ? new Float32Array(length) : outputBufferPool.take(length);
}

/** A zero-filled float array for a kernel output that is accumulated into: reused as uninitialisedFloat32's. */
export function zeroedFloat32(length: number): Float32Array {
  return length < POOLED_MIN_LENGTH ? new Float32Array(length) : outputBufferPool.take(length).fill(0);
}
