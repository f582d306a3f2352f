import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { assertRegistered, requiredSkip } from './gradientHarness.js';
import { compareWithReference, pick, randInt, randomTensor } from './kernelHarness.js';

const KERNELS = ['DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter'];

function outSize(size: number, k: number, stride: number, pad: 'same' | 'valid' | number): number {
  if (pad === 'same') return Math.ceil(size / stride);
  const p = pad === 'valid' ? 0 : pad;
  return Math.floor((size + 2 * p - k) / stride) + 1;
}

describe('native depthwise convolution (forward, input and filter gradients) against the cpu kernels', { skip: requiredSkip }, () => {
  it('is registered for all three kernels', () => {
    for (const name of KERNELS) assertRegistered(name);
  });

  it('odd sizes, strides 1 and 2, kernels 3 and 5, same / valid / symmetric padding (EfficientNetV2’s)', () => {
    for (let trial = 0; trial < 14; trial++) {
      const k = pick([1, 3, 5]);
      const stride = pick([1, 2]);
      const pad = pick<'same' | 'valid' | number>(['same', 'valid', (k - 1) / 2, 1]);
      const h = randInt(k, 13);
      const w = randInt(k, 11);
      const c = pick([1, 3, 8, 17, 24]);
      const batch = randInt(1, 3);
      const x = randomTensor([batch, h, w, c], trial % 3 === 0);
      const filter = randomTensor([k, k, c, 1]);
      const attrs = { strides: stride, pad, dilations: 1, dataFormat: 'NHWC' };
      compareWithReference('DepthwiseConv2dNative', { x, filter }, attrs);
      const dy = randomTensor([batch, outSize(h, k, stride, pad), outSize(w, k, stride, pad), c]);
      compareWithReference('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...attrs, inputShape: x.shape });
      compareWithReference('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: filter.shape }, { tolerance: 5e-5 });
      tf.dispose([x, filter, dy]);
    }
  });

  it('dilation 2 forward natively; a channel multiplier of 2 falls back', () => {
    const x = randomTensor([2, 9, 8, 5]);
    compareWithReference('DepthwiseConv2dNative', { x, filter: randomTensor([3, 3, 5, 1]) }, { strides: 1, pad: 'same', dilations: 2, dataFormat: 'NHWC' });
    compareWithReference('DepthwiseConv2dNative', { x, filter: randomTensor([3, 3, 5, 2]) }, { strides: 1, pad: 'same', dilations: 1, dataFormat: 'NHWC' }, { native: false });
  });
});
