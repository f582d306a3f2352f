import { after, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '../../../../shared/ml/models/gradients/registerTfjsGradients.js';
import { registerFastCpuKernels } from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { gelu, geluReference } from '../../../../shared/ml/models/layers/gelu.js';
import { layerNormOp, layerNormReference } from '../../../../shared/ml/models/layers/layerNorm.js';
import { assertNear, requiredSkip, valueAndGrads } from './gradientHarness.js';
import { compareWithReference, randomTensor } from './kernelHarness.js';

/** The native GELU, layer norm and depthwise kernels split their loops over threads: the same results on 3. */
describe('native GELU, layer norm and depthwise convolution on 3 threads', { skip: requiredSkip }, () => {
  registerFastCpuKernels({ threads: 3 });
  after(() => registerFastCpuKernels({ threads: 1 }));

  it('GELU over several chunks (value and gradient)', () => {
    const x = tf.mul(randomTensor([70_001]), 3);
    const probe = randomTensor([70_001]);
    const fast = valueAndGrads(gelu, [x], probe);
    const ref = valueAndGrads(geluReference, [x], probe);
    assertNear(fast.value, ref.value, 'y');
    assertNear(fast.grads[0]!, ref.grads[0]!, 'dx');
    tf.dispose([x, probe]);
  });

  it('layer norm with rows split over threads (dγ and dβ summed across the parts)', () => {
    for (const rows of [2, 7, 50]) {
      const x = randomTensor([rows, 33]);
      const gamma = tf.add(randomTensor([33]), 1);
      const beta = randomTensor([33]);
      const probe = randomTensor([rows, 33]);
      const fast = valueAndGrads((a, g, b) => layerNormOp(a!, g!, b!, 1e-5), [x, gamma, beta], probe);
      const ref = valueAndGrads((a, g, b) => layerNormReference(a!, g!, b!, 1e-5), [x, gamma, beta], probe);
      assertNear(fast.value, ref.value, 'y', 5e-5);
      fast.grads.forEach((g, i) => assertNear(g, ref.grads[i]!, `${['dx', 'dγ', 'dβ'][i]} rows ${rows}`, 1e-4));
      tf.dispose([x, gamma, beta, probe]);
    }
  });

  it('depthwise forward, input and filter gradients with images and rows split over threads', () => {
    const x = randomTensor([4, 9, 7, 13]);
    const filter = randomTensor([3, 3, 13, 1]);
    const attrs = { strides: 2, pad: 1, dilations: 1, dataFormat: 'NHWC' };
    const dy = randomTensor([4, 5, 4, 13]);
    compareWithReference('DepthwiseConv2dNative', { x, filter }, attrs);
    compareWithReference('DepthwiseConv2dNativeBackpropInput', { dy, filter }, { ...attrs, inputShape: x.shape });
    compareWithReference('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: filter.shape }, { tolerance: 5e-5 });
    tf.dispose([x, filter, dy]);
  });
});
