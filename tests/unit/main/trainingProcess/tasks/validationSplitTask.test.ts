import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { SupervisedTask } from '../../../../../main/trainingProcess/tasks/supervisedTask.js';
import { withValidationSplit } from '../../../../../main/trainingProcess/tasks/validationSplitTask.js';
import { splitValidation } from '../../../../../shared/ml/data/validationSplit.js';

/** A task of 20 examples whose target is the example's index; training batches say they were augmented (+100). */
function indexTask(): SupervisedTask {
  const batch = (indices: ArrayLike<number>, offset: number) => ({ x: tf.zeros([indices.length, 1]), targets: Int32Array.from(indices, (i) => i + offset) });
  return {
    kind: 'classification',
    inputShape: [1],
    classes: 200,
    trainCount: 20,
    testCount: 4,
    trainBatch: (order, start, size) => batch(order.subarray(start, start + size), 100),
    testBatch: (start, size) => batch(Array.from({ length: size }, (_, i) => start + i), 1000),
    heldOutBatch: (indices, start, size) => batch(indices.subarray(start, start + size), 0),
  };
}

test('the split task trains on the training examples only; the validation set is the held-out ones, not augmented', () => {
  const split = splitValidation(20, 5, 1);
  const { task, validation } = withValidationSplit(indexTask(), split);
  assert.equal(task.trainCount, 15);
  assert.equal(task.testCount, 4);
  const order = Int32Array.from({ length: 15 }, (_, i) => 14 - i);
  const seen: number[] = [];
  for (let start = 0; start < 15; start += 4) {
    const b = task.trainBatch(order, start, Math.min(4, 15 - start));
    seen.push(...Array.from(b.targets, (t) => t - 100));
    b.x.dispose();
  }
  assert.deepEqual(seen, [...split.train].reverse(), 'positions stand for the training examples, in the given order');
  assert.equal(validation.count, 5);
  const held: number[] = [];
  for (let start = 0; start < 5; start += 2) {
    const b = validation.batch(start, Math.min(2, 5 - start));
    held.push(...b.targets);
    b.x.dispose();
  }
  assert.deepEqual(held, [...split.validation]);
  assert.ok(held.every((i) => !seen.includes(i)));
  const test = task.testBatch(0, 4);
  assert.deepEqual([...test.targets], [1000, 1001, 1002, 1003], 'the test split is untouched');
  test.x.dispose();
});
