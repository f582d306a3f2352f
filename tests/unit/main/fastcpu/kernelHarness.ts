import assert from 'node:assert/strict';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  fastCpuFallbackCounts,
  originalCpuKernel,
  registerFastCpuKernels,
} from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { createRandom } from '../../../../shared/ml/random.js';

await tf.setBackend('cpu');
const registration = registerFastCpuKernels();

/** Why the native kernels are not registered, or null when they are. */
export const nativeKernelsMissing: string | null = registration.ok ? null : registration.reason;

/**
 * `false` when the native kernels are registered, else the reason the tests are skipped (in CI the
 * comparisons are skipped too, and registration.test.ts fails with the reason).
 */
export const skipReason: string | false = nativeKernelsMissing === null ? false : `skipped: ${nativeKernelsMissing}`;

export const random = createRandom(20260601);

export function randInt(lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Normal-ish values; `ties` draws from a few integers (many equal values, as after ReLU). */
export function randomTensor(shape: number[], ties = false): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = ties ? Math.max(0, randInt(-2, 3)) : (random() + random() + random() - 1.5) * 2;
  return tf.tensor(values, shape, 'float32');
}

function fallbacks(kernelName: string): number {
  return fastCpuFallbackCounts()[kernelName] ?? 0;
}

export interface CompareOptions {
  /** Whether the native kernel is expected to handle the case itself (else to fall back). */
  native?: boolean;
  tolerance?: number;
}

/**
 * Runs a kernel through the engine (the native one) and the cpu backend's original kernel on the
 * same inputs, and asserts same shape and values within float32 tolerance (NaN matches NaN).
 */
export function compareWithReference(
  kernelName: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, unknown>,
  options: CompareOptions = {},
): void {
  const before = fallbacks(kernelName);
  const fast = tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
  const usedFallback = fallbacks(kernelName) > before;
  assert.equal(usedFallback, options.native === false, `${kernelName}: ${usedFallback ? 'fell back' : 'ran natively'}`);
  const reference = originalCpuKernel(kernelName);
  assert.ok(reference, `no reference kernel for ${kernelName}`);
  const backend = tf.backend() as MathBackendCPU;
  const refInfo = reference.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  const ref = tf.engine().makeTensorFromTensorInfo(refInfo);
  try {
    assert.deepEqual(fast.shape, ref.shape, `${kernelName}: shape`);
    const a = fast.dataSync();
    const b = ref.dataSync();
    let scale = 1;
    for (const v of b) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
    const tolerance = (options.tolerance ?? 2e-5) * scale;
    for (let i = 0; i < b.length; i++) {
      if (Number.isNaN(b[i]!)) {
        assert.ok(Number.isNaN(a[i]!), `${kernelName}[${i}]: expected NaN, got ${a[i]}`);
      } else if (!Number.isFinite(b[i]!)) {
        assert.equal(a[i], b[i], `${kernelName}[${i}]`);
      } else {
        assert.ok(Math.abs(a[i]! - b[i]!) <= tolerance, `${kernelName}[${i}]: ${a[i]} vs reference ${b[i]} (tolerance ${tolerance})`);
      }
    }
  } finally {
    tf.dispose([fast, ref]);
  }
}
