import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadDataset } from '../../../../main/data/loadDataset.js';

/** The committed fixtures (tests/fixtures/data) load as their kinds, so other tests can rely on them. */
const fixtures = path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'data');

test('the CIFAR-10 fixture loads: 20 training and 10 test images of 32x32x3', async () => {
  const loaded = await loadDataset({ kind: 'cifar10', path: 'cifar-10-batches-bin', trainLimit: 0, testLimit: 0 }, fixtures);
  if (loaded.type !== 'image') throw new Error('expected images');
  assert.equal(loaded.data.train.count, 20);
  assert.deepEqual(Array.from(loaded.data.test.labels), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(loaded.data.classes[9], 'truck');
});

test('the image-folder fixture loads with a held-out split', async () => {
  const loaded = await loadDataset({ kind: 'image-folder', path: 'image-folder', imageSize: [8, 8], channels: 3, testFraction: 0.2, trainLimit: 0, testLimit: 0 }, fixtures);
  if (loaded.type !== 'image') throw new Error('expected images');
  assert.deepEqual(loaded.data.classes, ['circle', 'square']);
  assert.equal(loaded.data.train.count, 8);
  assert.equal(loaded.data.test.count, 2);
});

test('the AG News fixture loads as 4-class text classification', async () => {
  const loaded = await loadDataset({ kind: 'text-csv', path: 'ag_news', vocabSize: 1000, maxLength: 16, lowercase: true, testFraction: 0.1, trainLimit: 0, testLimit: 0 }, fixtures);
  if (loaded.type !== 'text') throw new Error('expected text');
  assert.deepEqual(loaded.data.classes, ['World', 'Sports', 'Business', 'Sci/Tech']);
  assert.deepEqual(Array.from(loaded.data.train.labels), [0, 1, 2, 3, 0, 1]);
  assert.equal(loaded.data.test.count, 2);
});

test('the PTB fixture loads at word and char level', async () => {
  const words = await loadDataset({ kind: 'text-lm', path: 'ptb', level: 'word', seqLength: 5, trainLimit: 0, testLimit: 0 }, fixtures);
  if (words.type !== 'language-model') throw new Error('expected a corpus');
  assert.equal(words.data.vocabulary[0], 'the');
  assert.ok(words.data.train.length > 30);
  const chars = await loadDataset({ kind: 'text-lm', path: 'ptb', level: 'char', seqLength: 20, trainLimit: 0, testLimit: 0 }, fixtures);
  if (chars.type !== 'language-model') throw new Error('expected a corpus');
  assert.ok(chars.data.vocabulary.length < 40);
});
