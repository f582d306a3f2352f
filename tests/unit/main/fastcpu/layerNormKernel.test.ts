import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '../../../../shared/ml/models/gradients/registerTfjsGradients.js';
import { LAYER_NORM_GRAD_KERNEL, LAYER_NORM_KERNEL } from '../../../../main/fastcpu/layerNormKernels.js';
import { layerNormOp, layerNormReference } from '../../../../shared/ml/models/layers/layerNorm.js';
import { assertNear, assertRegistered, nativeCalls, requiredSkip, valueAndGrads } from './gradientHarness.js';
import { pick, randInt, randomTensor } from './kernelHarness.js';

describe('native layer norm (OptlabLayerNorm, OptlabLayerNormGrad) against the tfjs composition', { skip: requiredSkip }, () => {
  it('is registered with its gradient kernel', () => {
    assertRegistered(LAYER_NORM_KERNEL);
    assertRegistered(LAYER_NORM_GRAD_KERNEL);
  });

  it('y, dx, dγ and dβ on odd shapes and the models’ ε equal the reference (float32 tolerance)', () => {
    for (let trial = 0; trial < 8; trial++) {
      const cols = pick([1, 3, 17, 64, 97, 768]);
      const shape = trial % 2 === 0 ? [randInt(1, 5), randInt(1, 13), cols] : [randInt(1, 40), cols];
      const epsilon = pick([1e-5, 1e-6, 1e-12]);
      const x = tf.add(tf.mul(randomTensor(shape), pick([0.1, 1, 30])), pick([0, 5, -3]));
      const gamma = tf.add(randomTensor([cols]), 1);
      const beta = randomTensor([cols]);
      const probe = randomTensor(shape);
      const xs = [x, gamma, beta];
      let fast: ReturnType<typeof valueAndGrads> | undefined;
      const calls = nativeCalls(LAYER_NORM_GRAD_KERNEL, () => (fast = valueAndGrads((a, g, b) => layerNormOp(a!, g!, b!, epsilon), xs, probe)));
      assert.equal(calls, 1, 'the gradient ran natively once');
      const ref = valueAndGrads((a, g, b) => layerNormReference(a!, g!, b!, epsilon), xs, probe);
      assert.ok(fast);
      // A single column normalises to 0 exactly; otherwise values are O(1), so the tolerance is absolute.
      assertNear(fast.value, ref.value, `y ${shape} ε ${epsilon}`, 5e-5);
      fast.grads.forEach((g, i) => assertNear(g, ref.grads[i]!, `${['dx', 'dγ', 'dβ'][i]} ${shape}`, 1e-4));
      tf.dispose([...xs, probe]);
    }
  });

  it('rows far from zero keep their digits (against float64 on the same inputs)', () => {
    const cols = 300;
    const values = Float32Array.from({ length: 4 * cols }, (_, i) => 1000 + 0.01 * Math.sin(1.7 * i + 0.3 * i * i));
    const x = tf.tensor2d(values, [4, cols]);
    const ones = tf.ones([cols]);
    const zeros = tf.zeros([cols]);
    const y = layerNormOp(x, ones, zeros, 1e-12).dataSync();
    const exact = new Float64Array(values.length);
    for (let r = 0; r < 4; r++) {
      const row = Array.from(values.subarray(r * cols, (r + 1) * cols));
      const mean = row.reduce((a, b) => a + b, 0) / cols;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / cols;
      row.forEach((v, j) => (exact[r * cols + j] = (v - mean) / Math.sqrt(variance + 1e-12)));
    }
    assertNear(y, exact, 'y', 1e-5);
    tf.dispose([x, ones, zeros]);
  });

  it('a constant row normalises to β (variance 0, ε keeps it finite)', () => {
    const x = tf.fill([2, 5], 3.25);
    const gamma = tf.tensor1d([1, 2, 3, 4, 5]);
    const beta = tf.tensor1d([0.5, -1, 0, 2, 7]);
    const y = layerNormOp(x, gamma, beta, 1e-5);
    assertNear(y.dataSync(), [0.5, -1, 0, 2, 7, 0.5, -1, 0, 2, 7], 'y', 1e-6);
    tf.dispose([x, gamma, beta, y]);
  });
});
