import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithReference, pick, randInt, randomTensor, skipReason } from './kernelHarness.js';

type Pad = 'valid' | 'same' | number;

interface ConvCase {
  x: number[];
  filter: number[];
  strides: [number, number];
  pad: Pad;
  dy: number[];
}

/** A random NHWC convolution whose output is not empty. */
function randomConv(): ConvCase {
  for (;;) {
    const [fh, fw] = [pick([1, 2, 3, 5]), pick([1, 2, 3])];
    const strides: [number, number] = [randInt(1, 2), randInt(1, 2)];
    const pad: Pad = pick<Pad>(['valid', 'same', 0, 1, 2]);
    const x = [randInt(1, 3), randInt(3, 12), randInt(3, 12), randInt(1, 5)];
    const filter = [fh, fw, x[3]!, randInt(1, 6)];
    const info = tf.backend_util.computeConv2DInfo(x as [number, number, number, number], filter as [number, number, number, number], strides, 1, pad);
    if (info.outHeight > 0 && info.outWidth > 0) return { x, filter, strides, pad, dy: info.outShape };
  }
}

test('Conv2D matches the cpu kernel on random shapes, strides, paddings and dilations', { skip: skipReason }, () => {
  for (let trial = 0; trial < 40; trial++) {
    const c = randomConv();
    const x = randomTensor(c.x);
    const filter = randomTensor(c.filter);
    compareWithReference('Conv2D', { x, filter }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: 1 });
    tf.dispose([x, filter]);
  }
  // Dilation 2 (forward only, as in tfjs).
  const x = randomTensor([2, 9, 10, 3]);
  const filter = randomTensor([3, 2, 3, 4]);
  compareWithReference('Conv2D', { x, filter }, { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: [2, 2] });
  compareWithReference('Conv2D', { x, filter }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: [2, 1] });
  tf.dispose([x, filter]);
});

test('FusedConv2D adds the per-channel bias and applies the activation', { skip: skipReason }, () => {
  for (const activation of ['linear', 'relu', 'relu6', 'leakyrelu', 'sigmoid', 'elu']) {
    const c = randomConv();
    const x = randomTensor(c.x);
    const filter = randomTensor(c.filter);
    const bias = randomTensor([c.filter[3]!]);
    compareWithReference(
      'FusedConv2D',
      { x, filter, bias },
      { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: 1, activation, leakyreluAlpha: 0.1 },
    );
    tf.dispose([x, filter, bias]);
  }
});

test('Conv2DBackpropInput and Conv2DBackpropFilter match the cpu kernels', { skip: skipReason }, () => {
  for (let trial = 0; trial < 40; trial++) {
    const c = randomConv();
    const x = randomTensor(c.x);
    const filter = randomTensor(c.filter);
    const dy = randomTensor(c.dy);
    compareWithReference('Conv2DBackpropInput', { dy, filter }, { inputShape: c.x, strides: c.strides, pad: c.pad, dataFormat: 'NHWC' });
    compareWithReference('Conv2DBackpropFilter', { x, dy }, { filterShape: c.filter, strides: c.strides, pad: c.pad, dataFormat: 'NHWC' });
    tf.dispose([x, filter, dy]);
  }
});

test('1×1 stride-1 convolutions (a plain matmul over pixels, no im2col) and their gradients match', { skip: skipReason }, () => {
  for (const pad of ['valid', 0, 'same'] as const) {
    const x = randomTensor([3, 5, 4, 6]);
    const filter = randomTensor([1, 1, 6, 7]);
    const dy = randomTensor([3, 5, 4, 7]);
    compareWithReference('Conv2D', { x, filter }, { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 });
    compareWithReference('Conv2DBackpropInput', { dy, filter }, { inputShape: x.shape, strides: 1, pad, dataFormat: 'NHWC' });
    compareWithReference('Conv2DBackpropFilter', { x, dy }, { filterShape: filter.shape, strides: 1, pad, dataFormat: 'NHWC' });
    tf.dispose([x, filter, dy]);
  }
});

test('a batch larger than one im2col slice accumulates the filter gradient over slices', { skip: skipReason }, () => {
  // One im2col slice holds 512Ki floats: 37 images of 28·28·(3·3·2); 80 images take three slices.
  const x = randomTensor([80, 28, 28, 2]);
  const filter = randomTensor([3, 3, 2, 4]);
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC' };
  const y = tf.engine().runKernel('Conv2D', { x, filter }, { ...attrs, dilations: 1 }) as tf.Tensor;
  const dy = randomTensor(y.shape);
  compareWithReference('Conv2D', { x, filter }, { ...attrs, dilations: 1 }, { tolerance: 5e-5 });
  compareWithReference('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: [3, 3, 2, 4] }, { tolerance: 5e-5 });
  compareWithReference('Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: x.shape }, { tolerance: 5e-5 });
  tf.dispose([x, filter, y, dy]);
});

test('one input channel (computed directly): forward with bias and every activation, and the filter gradient', { skip: skipReason }, () => {
  for (let trial = 0; trial < 12; trial++) {
    const [fh, fw] = [pick([1, 3, 5, 7]), pick([1, 2, 3])];
    const strides: [number, number] = [randInt(1, 2), randInt(1, 2)];
    const pad = pick<Pad>(['valid', 'same', 1, 2]);
    const x = randomTensor([randInt(1, 5), randInt(7, 30), randInt(7, 30), 1]);
    const outC = pick([8, 16, 32, 64]);
    const filter = randomTensor([fh, fw, 1, outC]);
    const bias = randomTensor([outC]);
    const attrs = { strides, pad, dataFormat: 'NHWC', dilations: 1 };
    for (const activation of ['linear', 'relu', 'sigmoid']) {
      compareWithReference('FusedConv2D', { x, filter, bias }, { ...attrs, activation });
    }
    compareWithReference('Conv2D', { x, filter }, attrs);
    const y = tf.engine().runKernel('Conv2D', { x, filter }, attrs) as tf.Tensor;
    const dy = randomTensor(y.shape);
    compareWithReference('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: filter.shape }, { tolerance: 5e-5 });
    tf.dispose([x, filter, bias, y, dy]);
  }
});

test('NCHW convolutions fall back to the cpu kernel', { skip: skipReason }, () => {
  const x = randomTensor([1, 2, 6, 6]);
  const filter = randomTensor([3, 3, 2, 3]);
  compareWithReference('Conv2D', { x, filter }, { strides: 1, pad: 'valid', dataFormat: 'NCHW', dilations: 1 }, { native: false });
  tf.dispose([x, filter]);
});
