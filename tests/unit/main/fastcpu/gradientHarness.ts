import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { fastCpuFallbackCounts } from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { optionalPathsRequired } from '../../../support/requiredPaths.js';
import { skipReason } from './kernelHarness.js';

/**
 * The skip of a native kernel's tests: the reason where the addon did not build, except where
 * optional paths are required (CI, OPTLAB_REQUIRE_OPTIONAL_PATHS=1): there the tests run and fail.
 */
export const requiredSkip: string | false = !optionalPathsRequired && skipReason;

/** Asserts that `kernelName` is registered on the cpu backend (fails for a missing or stale addon). */
export function assertRegistered(kernelName: string): void {
  assert.ok(tf.getKernel(kernelName, 'cpu') !== undefined, `${kernelName} is not registered: the native addon is missing or stale (cd native && npx node-gyp rebuild)`);
}

/** Max |a − b| within `tolerance` of the largest |b| (at least 1); NaN matches NaN. */
export function assertNear(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tolerance = 2e-5): void {
  assert.equal(a.length, b.length, `${what}: length`);
  let scale = 1;
  for (let i = 0; i < b.length; i++) if (Number.isFinite(b[i]!)) scale = Math.max(scale, Math.abs(b[i]!));
  for (let i = 0; i < b.length; i++) {
    if (Number.isNaN(b[i]!)) assert.ok(Number.isNaN(a[i]!), `${what}[${i}]: ${a[i]} vs NaN`);
    else if (!Number.isFinite(b[i]!)) assert.equal(a[i], b[i], `${what}[${i}]`);
    else assert.ok(Math.abs(a[i]! - b[i]!) <= tolerance * scale, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

/**
 * Value of f and the gradients of Σ f·probe with respect to `xs` (fixed random weights in the probe make
 * dy non-uniform); with a null probe, f is a scalar and its own gradients are taken.
 */
export function valueAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], probe: tf.Tensor | null): { value: Float32Array; grads: Float32Array[] } {
  const g = tf.grads((...args: tf.Tensor[]) => {
    const y = f(...args);
    return probe === null ? y : tf.sum(tf.mul(y, probe));
  });
  const value = f(...xs);
  const grads = g(xs);
  const out = { value: value.dataSync() as Float32Array, grads: grads.map((t) => t.dataSync() as Float32Array) };
  tf.dispose([value, ...grads]);
  return out;
}

/** How many times kernelName ran (natively: its fallback count is checked unchanged) during body. */
export function nativeCalls(kernelName: string, body: () => void): number {
  const fallbacksBefore = fastCpuFallbackCounts()[kernelName] ?? 0;
  const calls = countCalls(kernelName, body);
  assert.equal(fastCpuFallbackCounts()[kernelName] ?? 0, fallbacksBefore, `${kernelName} fell back to the cpu kernel`);
  return calls;
}

/** Runs body with kernelName's registration taken away (the reference: tfjs's own kernels or composition). */
export function withoutKernel<T>(kernelName: string, body: () => T): T {
  const kernel = tf.getKernel(kernelName, 'cpu')!;
  tf.unregisterKernel(kernelName, 'cpu');
  try {
    return body();
  } finally {
    tf.registerKernel(kernel);
  }
}

/** How many times kernelName ran during body. */
export function countCalls(kernelName: string, body: () => void): number {
  let calls = 0;
  const kernel = tf.getKernel(kernelName, 'cpu')!;
  tf.unregisterKernel(kernelName, 'cpu');
  tf.registerKernel({ ...kernel, kernelFunc: (args) => (calls++, kernel.kernelFunc(args)) });
  try {
    body();
  } finally {
    tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel(kernel);
  }
  return calls;
}
