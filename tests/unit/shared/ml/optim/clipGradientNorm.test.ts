import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { test } from 'node:test';
import { clipGradientNorm } from '../../../../../shared/ml/optim/clipGradientNorm.js';

function globalNorm(grads: Record<string, tf.Tensor>): number {
  return Math.sqrt(Object.values(grads).reduce((sum, g) => sum + (g.dataSync() as Float32Array).reduce((s, v) => s + v * v, 0), 0));
}

test('gradients above the limit are scaled to a global norm equal to the limit, keeping their direction', () => {
  // Global norm 13: sqrt(3² + 4² + 12²).
  const grads = { a: tf.tensor1d([3, 4]), b: tf.tensor2d([[12]]) };
  const clipped = clipGradientNorm(grads, 2);
  assert.ok(Math.abs(globalNorm(clipped) - 2) < 1e-5, `global norm ${globalNorm(clipped)}`);
  const scale = 2 / (13 + 1e-6);
  const a = Array.from(clipped.a!.dataSync());
  assert.ok(Math.abs(a[0]! - 3 * scale) < 1e-6 && Math.abs(a[1]! - 4 * scale) < 1e-6, `a = ${a.join(', ')}`);
  assert.deepEqual(clipped.b!.shape, [1, 1]);
  tf.dispose([...Object.values(grads), ...Object.values(clipped)]);
});

test('gradients within the limit are left as they are', () => {
  const grads = { a: tf.tensor1d([0.3, -0.4]) };
  const clipped = clipGradientNorm(grads, 1);
  assert.deepEqual(Array.from(clipped.a!.dataSync()), Array.from(grads.a.dataSync()));
  tf.dispose([...Object.values(grads), ...Object.values(clipped)]);
});

test('clipping leaves no tensors behind', () => {
  const grads = { a: tf.tensor1d([30, 40]) };
  const before = tf.memory().numTensors;
  const clipped = clipGradientNorm(grads, 1);
  assert.equal(tf.memory().numTensors, before + 1);
  tf.dispose([grads.a, clipped.a!]);
});
