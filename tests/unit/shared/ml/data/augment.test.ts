import assert from 'node:assert/strict';
import { test } from 'node:test';
import { augmentBatch, channelStats } from '../../../../../shared/ml/data/augment.js';
import { createRandom } from '../../../../../shared/ml/random.js';

/** Two 3x3 single-channel images with values 1..9 and 11..19. */
const images = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
const none = { cropPadding: 0, horizontalFlip: false, zScore: false };

test('no augmentation returns an equal copy', () => {
  const out = augmentBatch(images, [3, 3, 1], 2, none, createRandom(0));
  assert.deepEqual(out, images);
  assert.notEqual(out, images);
});

test('flip mirrors rows; crop shifts with zero padding; both seeded', () => {
  const flipped = augmentBatch(images, [3, 3, 1], 2, { ...none, horizontalFlip: true }, () => 0.1);
  assert.deepEqual(Array.from(flipped.subarray(0, 9)), [3, 2, 1, 6, 5, 4, 9, 8, 7]);
  const kept = augmentBatch(images, [3, 3, 1], 2, { ...none, horizontalFlip: true }, () => 0.9);
  assert.deepEqual(kept, images);
  // random() = 0 → offsets (-1, -1): content moves down-right, zeros enter top and left.
  const shifted = augmentBatch(images, [3, 3, 1], 2, { ...none, cropPadding: 1 }, () => 0);
  assert.deepEqual(Array.from(shifted.subarray(0, 9)), [0, 0, 0, 0, 1, 2, 0, 4, 5]);
  const options = { cropPadding: 2, horizontalFlip: true, zScore: false };
  assert.deepEqual(augmentBatch(images, [3, 3, 1], 2, options, createRandom(5)), augmentBatch(images, [3, 3, 1], 2, options, createRandom(5)));
  assert.notDeepEqual(augmentBatch(images, [3, 3, 1], 2, options, createRandom(5)), augmentBatch(images, [3, 3, 1], 2, options, createRandom(6)));
});

test('per-channel z-score uses the given statistics', () => {
  const rgb = Float32Array.from([0, 10, 5, 2, 10, 7]); // two pixels, 3 channels
  const stats = channelStats(rgb, 3);
  assert.deepEqual(Array.from(stats.mean), [1, 10, 6]);
  assert.deepEqual(Array.from(stats.std), [1, 0, 1]);
  const out = augmentBatch(rgb, [1, 2, 3], 1, { ...none, zScore: true }, createRandom(0), stats);
  assert.deepEqual(Array.from(out), [-1, 0, -1, 1, 0, 1]);
  assert.throws(() => augmentBatch(rgb, [1, 2, 3], 1, { ...none, zScore: true }, createRandom(0)), /needs the training set channel statistics/);
});

test('createBatchAugmenter: none for no options, seeded per run, z-score from the training split', async () => {
  const { createBatchAugmenter } = await import('../../../../../shared/ml/data/batchAugmenter.js');
  const dataset = {
    name: 'tiny',
    classes: ['a', 'b'],
    shape: [3, 3, 1] as [number, number, number],
    train: { images, labels: Int32Array.from([0, 1]), count: 2 },
    test: { images: Float32Array.from(images), labels: Int32Array.from([0, 1]), count: 2 },
  };
  assert.equal(createBatchAugmenter(undefined, dataset, 0), undefined);
  assert.equal(createBatchAugmenter(none, dataset, 0), undefined);
  const options = { cropPadding: 1, horizontalFlip: true, zScore: true };
  const a = createBatchAugmenter(options, dataset, 3);
  const b = createBatchAugmenter(options, dataset, 3);
  assert.ok(a && b);
  assert.deepEqual(a.train(images, 2), b.train(images, 2));
  assert.equal(a.stats?.mean[0], 10); // mean of 1..9 and 11..19
  const test0 = a.test(images, 2);
  assert.ok(Math.abs(test0[0] - (1 - 10) / (a.stats?.std[0] ?? 1)) < 1e-6);
  assert.equal(images[0], 1, 'inputs are not modified');
});

test('channel statistics of some examples only: those of the examples trained on when some are held out', () => {
  // Three 1x1 RGB images; the statistics of images 0 and 2 only.
  const three = Float32Array.from([0, 10, 5, 100, 100, 100, 2, 10, 7]);
  const some = channelStats(three, 3, { indices: Int32Array.from([0, 2]), featureSize: 3 });
  const alone = channelStats(Float32Array.from([0, 10, 5, 2, 10, 7]), 3);
  assert.deepEqual(some, alone);
  assert.notDeepEqual(channelStats(three, 3), alone);
});
