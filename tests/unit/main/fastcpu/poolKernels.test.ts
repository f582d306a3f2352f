import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadNativeAddon } from '../../../../main/fastcpu/loadNativeAddon.js';
import { originalCpuKernel } from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { assertNear } from './gradientHarness.js';
import { compareWithReference, pick, randInt, random, randomTensor, skipReason } from './kernelHarness.js';

test('MaxPool and MaxPoolGrad match the cpu kernels, ties included', { skip: skipReason }, () => {
  for (let trial = 0; trial < 40; trial++) {
    const filterSize: [number, number] = [randInt(1, 3), randInt(1, 3)];
    const strides: [number, number] = [randInt(1, 2), randInt(1, 3)];
    const pad = pick(['valid', 'same', 1] as const);
    const shape = [randInt(1, 3), randInt(3, 11), randInt(3, 11), randInt(1, 5)] as [number, number, number, number];
    if (pad === 1 && (filterSize[0] < 2 || filterSize[1] < 2)) continue;
    const info = tf.backend_util.computePool2DInfo(shape, filterSize, strides, 1, pad);
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    const ties = trial % 2 === 0;
    const input = randomTensor(shape, ties);
    const attrs = { filterSize, strides, pad };
    compareWithReference('MaxPool', { x: input }, attrs);
    const output = tf.engine().runKernel('MaxPool', { x: input }, attrs) as tf.Tensor;
    const dy = randomTensor(output.shape);
    compareWithReference('MaxPoolGrad', { dy, input, output }, attrs);
    tf.dispose([input, output, dy]);
  }
});

test('MaxPool and MaxPoolGrad agree with the cpu kernels on NaN and -Infinity windows', { skip: skipReason }, () => {
  const nan = Number.NaN;
  const inf = Number.POSITIVE_INFINITY;
  const input = tf.tensor4d([nan, nan, 1, nan, -inf, -inf, -inf, -inf, 2, 2, nan, 5, 0, -inf, 0, -1], [1, 4, 4, 1]);
  const attrs = { filterSize: 2, strides: 2, pad: 'valid' };
  compareWithReference('MaxPool', { x: input }, attrs);
  const output = tf.engine().runKernel('MaxPool', { x: input }, attrs) as tf.Tensor;
  const dy = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
  compareWithReference('MaxPoolGrad', { dy, input, output }, attrs);
  tf.dispose([input, output, dy]);
});

/** Values from a few integers (ties), with NaN and −∞ sprinkled in. */
function withNaNAndInfinity(shape: [number, number, number, number]): tf.Tensor {
  const values = randomTensor(shape, true).dataSync().slice();
  for (let i = 0; i < values.length; i++) {
    const r = random();
    if (r < 0.08) values[i] = Number.NaN;
    else if (r < 0.16) values[i] = Number.NEGATIVE_INFINITY;
  }
  return tf.tensor4d(values, shape);
}

/**
 * The addon's maxPoolGrad into a dx filled with NaN first (an uninitialised output) against the cpu
 * kernel's: bit for bit where windows do not overlap (one gradient per position), else within float32
 * rounding (sums in another order).
 */
function assertWritesEveryElement(input: tf.Tensor, output: tf.Tensor, dy: tf.Tensor, attrs: Record<string, unknown>, what: string, exact: boolean): void {
  const loaded = loadNativeAddon();
  assert.ok(loaded.ok);
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize as [number, number], attrs.strides as [number, number], 1, attrs.pad as 'valid');
  const geometry = Int32Array.from([
    info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.filterHeight, info.filterWidth,
    info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left, info.outHeight, info.outWidth,
  ]);
  const dx = new Float32Array(input.size).fill(Number.NaN);
  loaded.addon.maxPoolGrad(input.dataSync() as Float32Array, output.dataSync() as Float32Array, dy.dataSync() as Float32Array, geometry, dx);
  const backend = tf.backend() as MathBackendCPU;
  const refInfo = originalCpuKernel('MaxPoolGrad')!.kernelFunc({ inputs: { dy, input, output }, backend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  const ref = tf.engine().makeTensorFromTensorInfo(refInfo);
  if (exact) assert.deepEqual(Array.from(dx), Array.from(ref.dataSync()), what);
  else assertNear(dx, ref.dataSync(), what);
  ref.dispose();
}

test('MaxPoolGrad for windows that tile the input (stride = filter size, no padding) writes every element of dx: uncovered rows and columns 0, ties, NaN, -Infinity', { skip: skipReason }, () => {
  const cases: { shape: [number, number, number, number]; filterSize: [number, number]; pad: 'valid' | 'same' }[] = [
    { shape: [2, 13, 13, 3], filterSize: [2, 2], pad: 'valid' }, // 13×13 → 6×6: the last row and column in no window
    { shape: [1, 11, 7, 5], filterSize: [3, 3], pad: 'valid' }, // two rows and one column uncovered
    { shape: [2, 11, 9, 4], filterSize: [2, 2], pad: 'same' }, // the last windows cut off by the edge (padding only after)
    { shape: [3, 8, 9, 2], filterSize: [2, 3], pad: 'valid' },
    { shape: [1, 6, 5, 70], filterSize: [2, 2], pad: 'valid' }, // more channels than one 64-channel block
    { shape: [2, 4, 5, 3], filterSize: [1, 1], pad: 'valid' },
  ];
  for (const { shape, filterSize, pad } of cases) {
    const attrs = { filterSize, strides: filterSize, pad };
    const input = withNaNAndInfinity(shape);
    // A 1×1 pool that keeps the shape is tfjs's identity, left to it.
    compareWithReference('MaxPool', { x: input }, attrs, { native: filterSize[0] * filterSize[1] > 1 });
    const output = tf.engine().runKernel('MaxPool', { x: input }, attrs) as tf.Tensor;
    const dy = randomTensor(output.shape);
    compareWithReference('MaxPoolGrad', { dy, input, output }, attrs);
    assertWritesEveryElement(input, output, dy, attrs, `${shape.join('×')} ${filterSize.join('×')} ${pad}`, true);
    tf.dispose([input, output, dy]);
  }
});

test('MaxPoolGrad for overlapping and padded windows also writes every element of dx', { skip: skipReason }, () => {
  for (const attrs of [
    { filterSize: [3, 3] as [number, number], strides: [2, 2] as [number, number], pad: 'valid' },
    { filterSize: [2, 2] as [number, number], strides: [1, 1] as [number, number], pad: 'same' },
    { filterSize: [2, 2] as [number, number], strides: [3, 3] as [number, number], pad: 'valid' }, // gaps between windows
  ]) {
    const input = withNaNAndInfinity([2, 9, 8, 3]);
    const output = tf.engine().runKernel('MaxPool', { x: input }, attrs) as tf.Tensor;
    const dy = randomTensor(output.shape);
    assertWritesEveryElement(input, output, dy, attrs, JSON.stringify(attrs), false);
    tf.dispose([input, output, dy]);
  }
});
