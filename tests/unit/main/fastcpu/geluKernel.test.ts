import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '../../../../shared/ml/models/gradients/registerTfjsGradients.js';
import { GELU_GRAD_KERNEL, GELU_KERNEL } from '../../../../main/fastcpu/geluKernels.js';
import { gelu, geluReference } from '../../../../shared/ml/models/layers/gelu.js';
import { assertNear, assertRegistered, nativeCalls, requiredSkip, valueAndGrads } from './gradientHarness.js';
import { randInt, randomTensor } from './kernelHarness.js';

describe('native GELU (OptlabGelu, OptlabGeluGrad) against the tfjs composition', { skip: requiredSkip }, () => {
  it('is registered with its gradient kernel', () => {
    assertRegistered(GELU_KERNEL);
    assertRegistered(GELU_GRAD_KERNEL);
  });

  it('value and gradient on odd shapes equal the reference (float32 tolerance)', () => {
    for (let trial = 0; trial < 6; trial++) {
      const shape = trial % 2 === 0 ? [randInt(1, 9), randInt(1, 37), randInt(1, 23)] : [randInt(1, 70_000)];
      const x = tf.mul(randomTensor(shape), 2);
      const probe = randomTensor(shape);
      let fast: ReturnType<typeof valueAndGrads> | undefined;
      assert.equal(nativeCalls(GELU_GRAD_KERNEL, () => (fast = valueAndGrads(gelu, [x], probe))), 1, 'the gradient ran natively once');
      const ref = valueAndGrads(geluReference, [x], probe);
      assert.ok(fast);
      assertNear(fast.value, ref.value, 'y');
      assertNear(fast.grads[0]!, ref.grads[0]!, 'dx');
      tf.dispose([x, probe]);
    }
  });

  it('far tails, zero, ±∞ and NaN as the reference', () => {
    const x = tf.tensor1d([-40, -9, -5.5, -3, -1e-4, 0, 1e-4, 3, 5.5, 9, 40, Infinity, -Infinity, NaN]);
    const fast = gelu(x);
    const ref = geluReference(x);
    assertNear(fast.dataSync(), ref.dataSync(), 'y', 1e-6);
    const g = tf.grad((v: tf.Tensor) => tf.sum(gelu(v)))(tf.tensor1d([-40, -9, -3, 0, 3, 9, 40]));
    const gRef = tf.grad((v: tf.Tensor) => tf.sum(geluReference(v)))(tf.tensor1d([-40, -9, -3, 0, 3, 9, 40]));
    assertNear(g.dataSync(), gRef.dataSync(), 'dx', 1e-6);
    // Φ(−5.5)·(−5.5) ≈ −1.04e-7: taken without cancellation (within 1% of the exact value).
    assert.ok(Math.abs(fast.dataSync()[2]! / -1.0452e-7 - 1) < 0.01, `gelu(−5.5) = ${fast.dataSync()[2]}`);
    tf.dispose([x, fast, ref, g, gRef]);
  });
});
