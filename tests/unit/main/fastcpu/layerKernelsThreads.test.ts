import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '../../../../shared/ml/models/gradients/registerTfjsGradients.js';
import { loadNativeAddon } from '../../../../main/fastcpu/loadNativeAddon.js';
import { registerFastCpuKernels } from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { gelu, geluReference } from '../../../../shared/ml/models/layers/gelu.js';
import { layerNormOp, layerNormReference } from '../../../../shared/ml/models/layers/layerNorm.js';
import { assertNear, requiredSkip, valueAndGrads } from './gradientHarness.js';
import { compareWithReference, randomTensor, skipReason } from './kernelHarness.js';

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

/**
 * Max pooling, the activation gradient, bias + activation and column sums split over the native
 * pool (tensors past its minimum work per thread): on 2 and 3 threads bit for bit what 1 thread gives.
 */
describe('native pooling, activation gradient, bias + activation and column sums on 2 and 3 threads', { skip: skipReason }, () => {
  const loaded = loadNativeAddon();
  const addon = loaded.ok ? loaded.addon : undefined;
  after(() => addon?.setNativeThreads(1));

  /** `run`'s outputs on 1 thread and on each of `threads`, asserted equal element for element. */
  function sameOnThreads(what: string, run: () => Float32Array[], threads = [2, 3]): void {
    addon!.setNativeThreads(1);
    const serial = run();
    for (const t of threads) {
      addon!.setNativeThreads(t);
      const parallel = run();
      addon!.setNativeThreads(1);
      serial.forEach((s, i) => assert.deepEqual(parallel[i], s, `${what}: output ${i} on ${t} threads`));
    }
  }

  function values(shape: number[], ties = false): Float32Array {
    const t = randomTensor(shape, ties);
    const v = t.dataSync() as Float32Array;
    t.dispose();
    return v;
  }

  it('MaxPool and MaxPoolGrad (windows that tile the input, odd sizes, and overlapping windows), also against the cpu kernels', () => {
    for (const { shape, attrs } of [
      // Past 128K floats of output each (the forward's), so that both kernels split.
      { shape: [64, 26, 26, 16], attrs: { filterSize: 2, strides: 2, pad: 'valid' } },
      { shape: [128, 13, 13, 32], attrs: { filterSize: 2, strides: 2, pad: 'valid' } },
      { shape: [96, 27, 25, 8], attrs: { filterSize: 3, strides: 2, pad: 'same' } },
    ]) {
      const input = randomTensor(shape, true);
      addon!.setNativeThreads(2);
      compareWithReference('MaxPool', { x: input }, attrs);
      const output = tf.engine().runKernel('MaxPool', { x: input }, attrs) as tf.Tensor;
      const dy = randomTensor(output.shape);
      compareWithReference('MaxPoolGrad', { dy, input, output }, attrs);
      addon!.setNativeThreads(1);
      const what = `${shape.join('×')} ${JSON.stringify(attrs)}`;
      sameOnThreads(`MaxPool ${what}`, () => [(tf.engine().runKernel('MaxPool', { x: input }, attrs) as tf.Tensor).dataSync() as Float32Array]);
      sameOnThreads(`MaxPoolGrad ${what}`, () => [(tf.engine().runKernel('MaxPoolGrad', { dy, input, output }, attrs) as tf.Tensor).dataSync() as Float32Array]);
      tf.dispose([input, output, dy]);
    }
  });

  it('activationGrad (relu, sigmoid), with the bias gradient in the same pass, and columnSums, against sums in double', () => {
    for (const [rows, cols] of [
      [20_011, 16],
      [5_003, 37],
    ] as const) {
      const n = rows * cols;
      const dy = values([n]);
      const y = values([n], true);
      for (const activation of [1, 4]) {
        sameOnThreads(`activationGrad ${rows}×${cols} act ${activation}`, () => {
          const dz = new Float32Array(n);
          addon!.activationGrad(dy, y, dz, activation);
          const dz2 = new Float32Array(n);
          const db = new Float32Array(cols);
          addon!.activationGradColumnSums(dy, y, dz2, activation, db);
          const sums = new Float32Array(cols);
          addon!.columnSums(dz, rows, cols, sums);
          return [dz, dz2, db, sums];
        });
      }
      addon!.setNativeThreads(2);
      const dz = new Float32Array(n);
      const db = new Float32Array(cols);
      addon!.activationGradColumnSums(dy, y, dz, 1, db);
      addon!.setNativeThreads(1);
      const exact = new Float64Array(cols);
      for (let i = 0; i < n; i++) {
        const step = y[i]! > 0 ? 1 : 0;
        assert.equal(dz[i], Math.fround(dy[i]! * step), `dz[${i}]`);
        exact[i % cols] += dz[i]!;
      }
      assertNear(db, exact, `db ${rows}×${cols}`, 1e-5);
    }
  });

  it('biasActivation (relu, sigmoid, bias only)', () => {
    const [rows, cols] = [9_001, 24];
    const c = values([rows * cols]);
    const bias = values([cols]);
    for (const activation of [0, 1, 4]) {
      sameOnThreads(`biasActivation act ${activation}`, () => {
        const out = c.slice();
        addon!.biasActivation(out, rows, cols, bias, activation, 0);
        return [out];
      });
    }
  });
});
