import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { ADAM_DIRECTION_KERNEL } from '../../../../main/fastcpu/registerFastCpuKernels.js';
import { randomTensor, skipReason } from './kernelHarness.js';

/** Adam's moments and direction as tfjs ops, in the order shared/ml/optim/rules/adam.ts writes them. */
function adamByOps(grad: tf.Tensor, m0: tf.Tensor, v0: tf.Tensor, beta1: number, beta2: number, eps: number, bc2Sqrt: number) {
  const m = tf.add(m0, tf.mul(tf.sub(grad, m0), 1 - beta1));
  const v = tf.add(tf.mul(v0, beta2), tf.mul(tf.square(grad), 1 - beta2));
  const direction = tf.div(m, tf.add(tf.div(tf.sqrt(v), bc2Sqrt), eps));
  return [m, v, direction];
}

test('the Adam direction kernel equals the tfjs op composition bit for bit', { skip: skipReason }, () => {
  const grad = randomTensor([37, 11]);
  const m0 = tf.mul(randomTensor([37, 11]), 0.1);
  const v0 = tf.abs(tf.mul(randomTensor([37, 11]), 0.01));
  for (const [beta1, beta2, eps, step] of [
    [0.9, 0.999, 1e-8, 1],
    [0.8, 0.99, 1e-6, 7],
    [0, 0, 0.1, 3],
  ] as const) {
    const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
    const fast = tf.engine().runKernel(ADAM_DIRECTION_KERNEL, { grad, m: m0, v: v0 }, { beta1, beta2, eps, biasCorrection2Sqrt: bc2Sqrt }) as tf.Tensor[];
    const reference = adamByOps(grad, m0, v0, beta1, beta2, eps, bc2Sqrt);
    assert.equal(fast.length, 3);
    fast.forEach((t, i) => {
      assert.deepEqual(t.shape, [37, 11]);
      assert.deepEqual(Array.from(t.dataSync()), Array.from(reference[i]!.dataSync()), `output ${i}`);
    });
    tf.dispose([...fast, ...reference]);
  }
  tf.dispose([grad, m0, v0]);
});

test('the Adam direction kernel refuses mismatched shapes', { skip: skipReason }, () => {
  const grad = randomTensor([4]);
  const m = randomTensor([5]);
  assert.throws(
    () => tf.engine().runKernel(ADAM_DIRECTION_KERNEL, { grad, m, v: m }, { beta1: 0.9, beta2: 0.999, eps: 1e-8, biasCorrection2Sqrt: 1 }),
    /unsupported inputs/,
  );
  tf.dispose([grad, m]);
});
