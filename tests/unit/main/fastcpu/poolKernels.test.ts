import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithReference, pick, randInt, randomTensor, skipReason } from './kernelHarness.js';

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
