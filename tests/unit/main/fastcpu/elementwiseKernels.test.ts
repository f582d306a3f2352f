import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithReference, randomTensor, skipReason } from './kernelHarness.js';

const BINARY = ['Add', 'Sub', 'Multiply', 'RealDiv', 'Maximum', 'Minimum', 'SquaredDifference'];
const UNARY = ['Relu', 'Step', 'Sqrt', 'Square', 'Exp', 'Log', 'Neg', 'Abs', 'Rsqrt', 'Sigmoid', 'Relu6', 'Reciprocal'];

test('binary ops match the cpu kernels for same shapes, scalars, trailing blocks, per-row operands and general broadcasts', { skip: skipReason }, () => {
  const pairs: [number[], number[]][] = [
    [[4, 5], [4, 5]],
    [[4, 5], []],
    [[], [4, 5]],
    [[3, 4, 5], [5]],
    [[5], [3, 4, 5]],
    [[3, 4, 5], [1, 4, 5]],
    [[6, 7], [6, 1]],
    [[6, 1], [6, 7]],
    [[2, 3, 7], [2, 3, 1]],
    [[4, 1], [1, 5]],
    [[2, 1, 3], [1, 4, 1]],
    [[3, 1, 1, 2], [1, 2, 5, 1]],
    [[2, 3, 4, 5], [2, 1, 1, 5]],
    [[5, 1], [3, 1, 4]],
  ];
  for (const name of BINARY) {
    for (const [sa, sb] of pairs) {
      const a = randomTensor(sa);
      const b = randomTensor(sb);
      compareWithReference(name, { a, b }, {});
      tf.dispose([a, b]);
    }
  }
});

test('binary ops fall back for integer tensors', { skip: skipReason }, () => {
  const i = tf.tensor([1, 2, 3], [3], 'int32');
  const j = tf.tensor([4, 5, 6], [3], 'int32');
  compareWithReference('Add', { a: i, b: j }, {}, { native: false });
  const f = randomTensor([3]);
  compareWithReference('Multiply', { a: f, b: i }, {}, { native: false });
  tf.dispose([i, j, f]);
});

test('unary ops match the cpu kernels, including NaN, zeros and negatives', { skip: skipReason }, () => {
  const special = tf.tensor([Number.NaN, 0, -0, -1, 1, 7, -7, 1e-30, 80, -80], [10], 'float32');
  for (const name of UNARY) {
    const x = randomTensor([3, 17]);
    const attrs = name === 'Step' ? { alpha: 0.25 } : {};
    compareWithReference(name, { x }, attrs, { tolerance: 1e-5 });
    compareWithReference(name, { x: special }, attrs, { tolerance: 1e-5 });
    tf.dispose(x);
  }
  special.dispose();
});

test('Sum, Max and Mean over contiguous axes match the cpu kernels, with and without keepDims', { skip: skipReason }, () => {
  const x = randomTensor([3, 4, 5, 6]);
  for (const axis of [0, 1, 3, -1, [0, 1], [1, 2], [2, 3], [0, 1, 2], [0, 1, 2, 3]]) {
    for (const keepDims of [false, true]) {
      compareWithReference('Sum', { x }, { axis, keepDims });
      compareWithReference('Max', { x }, { reductionIndices: axis, keepDims });
      compareWithReference('Mean', { x }, { axis, keepDims });
    }
  }
  compareWithReference('Sum', { x }, { axis: [0, 2], keepDims: false }, { native: false });
  compareWithReference('Mean', { x }, { axis: [1, 3], keepDims: true }, { native: false });
  x.dispose();
});

test('Tile matches the cpu kernel for every rank up to 5', { skip: skipReason }, () => {
  const cases: [number[], number[]][] = [
    [[3], [4]],
    [[2, 3], [1, 1]],
    [[2, 3], [3, 2]],
    [[1, 1, 1, 4], [5, 3, 2, 1]],
    [[2, 1, 3], [1, 4, 2]],
    [[2, 2, 1, 2, 3], [2, 1, 3, 1, 2]],
  ];
  for (const [shape, reps] of cases) {
    const x = randomTensor(shape);
    compareWithReference('Tile', { x }, { reps });
    x.dispose();
  }
});

test('FusedBatchNorm matches the cpu kernel per channel, with one-value statistics and without scale or offset', { skip: skipReason }, () => {
  const x = randomTensor([4, 3, 3, 5]);
  const mean = randomTensor([5]);
  const variance = tf.abs(randomTensor([5]));
  const scale = randomTensor([5]);
  const offset = randomTensor([5]);
  compareWithReference('FusedBatchNorm', { x, mean, variance, scale, offset }, { varianceEpsilon: 1e-5 });
  compareWithReference('FusedBatchNorm', { x, mean, variance }, { varianceEpsilon: 1e-3 });
  const singleMean = tf.tensor1d([0.3]);
  const singleVariance = tf.tensor1d([2]);
  compareWithReference('FusedBatchNorm', { x, mean: singleMean, variance: singleVariance, offset }, { varianceEpsilon: 1e-5 });
  tf.dispose([x, mean, variance, scale, offset, singleMean, singleVariance]);
});

test('kernels read tensors that are views into a larger buffer (row slices)', { skip: skipReason }, () => {
  const big = randomTensor([6, 5]);
  const rows = tf.slice(big, [2, 0], [3, 5]);
  const other = tf.slice(big, [1, 0], [3, 5]);
  const values = (tf.backend() as MathBackendCPU).data.get(rows.dataId).values as Float32Array;
  assert.ok(values.byteOffset > 0, 'the slice is a view into the parent buffer');
  compareWithReference('Relu', { x: rows }, {});
  compareWithReference('Multiply', { a: rows, b: other }, {});
  compareWithReference('Sum', { x: rows }, { axis: 0, keepDims: false });
  const w = randomTensor([5, 4]);
  compareWithReference('BatchMatMul', { a: rows, b: w }, { transposeA: false, transposeB: false });
  tf.dispose([big, rows, other, w]);
});

test('Sum and Mean over many rows keep float64 accuracy (a batch’s pixels), as the cpu kernel', { skip: skipReason }, () => {
  const rows = 50_000;
  const values = Float32Array.from({ length: rows * 3 }, (_, i) => 0.1 + 1e-3 * Math.sin(i));
  const x = tf.tensor2d(values, [rows, 3]);
  const exact = [0, 0, 0];
  values.forEach((v, i) => (exact[i % 3]! += v));
  const sum = tf.sum(x, 0).dataSync();
  const mean = tf.mean(x, 0).dataSync();
  for (let c = 0; c < 3; c++) {
    assert.ok(Math.abs(sum[c]! - exact[c]!) <= 1e-6 * exact[c]!, `sum[${c}]: ${sum[c]} vs ${exact[c]}`);
    assert.ok(Math.abs(mean[c]! - exact[c]! / rows) <= 1e-5 * (exact[c]! / rows), `mean[${c}]: ${mean[c]} vs ${exact[c]! / rows}`);
  }
  x.dispose();
});
