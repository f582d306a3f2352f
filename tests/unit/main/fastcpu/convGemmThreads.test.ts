import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { registerFastCpuKernels } from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { compareWithReference, randomTensor, skipReason } from './kernelHarness.js';

/** Runs `kernel` on `threads` threads and returns its output's values. */
function valuesOn(threads: number, kernelName: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): Float32Array {
  registerFastCpuKernels({ threads });
  const out = tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

/**
 * The native pool splits convolutions into slices of the batch (each thread its own im2col buffer) and
 * matrix products into blocks of rows or columns, each a single-threaded sgemm.
 */
describe('convolutions and matrix products split over threads', { skip: skipReason }, () => {
  after(() => registerFastCpuKernels({ threads: 1 }));

  // 38·38·(3·3·16) floats per image: two images per 512Ki-float im2col slice, so 9 images are 5 slices.
  const x = randomTensor([9, 40, 40, 16]);
  const filter = randomTensor([3, 3, 16, 24]);
  const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
  const dy = randomTensor([9, 38, 38, 24]);

  for (const threads of [2, 3]) {
    it(`forward, input and filter gradients over 5 slices on ${threads} threads match the cpu kernels`, () => {
      registerFastCpuKernels({ threads });
      compareWithReference('Conv2D', { x, filter }, { ...attrs, dilations: 1 }, { tolerance: 5e-5 });
      compareWithReference('Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: x.shape }, { tolerance: 5e-5 });
      compareWithReference('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: filter.shape }, { tolerance: 5e-5 });
    });
  }

  it('slices give the same forward and input gradient on any thread count, bit for bit', () => {
    const forward = (threads: number) => valuesOn(threads, 'Conv2D', { x, filter }, { ...attrs, dilations: 1 });
    const inputGrad = (threads: number) => valuesOn(threads, 'Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: x.shape });
    assert.deepEqual(forward(3), forward(1));
    assert.deepEqual(inputGrad(2), inputGrad(1));
  });

  it('the filter gradient is the same on every call for a thread count', () => {
    const grad = () => valuesOn(2, 'Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: filter.shape });
    assert.deepEqual(grad(), grad());
  });

  it('a single-channel filter gradient is the same on 1 and 3 threads, bit for bit', () => {
    const grey = randomTensor([13, 28, 28, 1]);
    const dyGrey = randomTensor([13, 26, 26, 16]);
    const grad = (threads: number) => valuesOn(threads, 'Conv2DBackpropFilter', { x: grey, dy: dyGrey }, { ...attrs, filterShape: [3, 3, 1, 16] });
    assert.deepEqual(grad(3), grad(1));
    tf.dispose([grey, dyGrey]);
  });

  it('an empty batch gives a zero filter gradient', () => {
    registerFastCpuKernels({ threads: 2 });
    const none = tf.zeros([0, 40, 40, 16]);
    const dyNone = tf.zeros([0, 38, 38, 24]);
    const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x: none, dy: dyNone }, { ...attrs, filterShape: filter.shape }) as tf.Tensor;
    assert.deepEqual(dw.shape, filter.shape);
    assert.ok(dw.dataSync().every((v) => v === 0));
    tf.dispose([none, dyNone, dw]);
  });

  it('products split by rows (tall) and by columns (wide), with every transpose, match the cpu kernel', () => {
    registerFastCpuKernels({ threads: 3 });
    for (const [m, k, n] of [
      [301, 200, 97],
      [40, 300, 517],
    ] as const) {
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const a = randomTensor(transposeA ? [1, k, m] : [1, m, k]);
          const b = randomTensor(transposeB ? [1, n, k] : [1, k, n]);
          compareWithReference('BatchMatMul', { a, b }, { transposeA, transposeB }, { tolerance: 5e-5 });
          tf.dispose([a, b]);
        }
      }
    }
  });

  it('a batch of products is spread over threads, one product each', () => {
    registerFastCpuKernels({ threads: 2 });
    const a = randomTensor([5, 70, 90]);
    const b = randomTensor([5, 90, 80]);
    compareWithReference('BatchMatMul', { a, b }, { transposeA: false, transposeB: false }, { tolerance: 5e-5 });
    tf.dispose([a, b]);
  });
});
