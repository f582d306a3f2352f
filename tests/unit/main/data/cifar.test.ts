import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadDataset } from '../../../../main/data/loadDataset.js';
import { listDatasets } from '../../../../main/data/listDatasets.js';
import { cifar10Layout, cifar100FineLayout, parseCifarBatch } from '../../../../shared/ml/data/cifar.js';

let root: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'optlab-cifar-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** One CIFAR record: label byte(s), then R, G, B planes; pixel p of channel k is (p + 50·k + seed) % 256. */
function record(labels: number[], seed: number): Uint8Array {
  const out = new Uint8Array(labels.length + 3072);
  out.set(labels, 0);
  for (let k = 0; k < 3; k++) for (let p = 0; p < 1024; p++) out[labels.length + k * 1024 + p] = (p + 50 * k + seed) % 256;
  return out;
}

function batch(records: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of records) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

test('a CIFAR-10 record becomes a channels-last 32x32x3 image', () => {
  const parsed = parseCifarBatch(batch([record([7], 0), record([2], 9)]), cifar10Layout, 'b');
  assert.equal(parsed.count, 2);
  assert.deepEqual(Array.from(parsed.labels), [7, 2]);
  // Pixel 0: R=0, G=50, B=100; pixel 33 (row 1, col 1): R=33, G=83, B=133.
  assert.deepEqual(Array.from(parsed.images.subarray(0, 3)), [0, 50, 100].map((v) => Math.fround(v / 255)));
  assert.deepEqual(Array.from(parsed.images.subarray(33 * 3, 33 * 3 + 3)), [33, 83, 133].map((v) => Math.fround(v / 255)));
  assert.equal(parsed.images[3072], Math.fround(9 / 255));
});

test('CIFAR-100 takes the fine label from the second byte; limits cut records', () => {
  const parsed = parseCifarBatch(batch([record([3, 77], 0), record([4, 99], 0), record([5, 1], 0)]), cifar100FineLayout, 'train.bin', 2);
  assert.deepEqual(Array.from(parsed.labels), [77, 99]);
});

test('truncated batches and out-of-range labels are reported with the file', () => {
  const whole = batch([record([1], 0), record([2], 0)]);
  assert.throws(() => parseCifarBatch(whole.subarray(0, 5000), cifar10Layout, 'data_batch_1.bin'), /data_batch_1\.bin: 5000 bytes is not a whole number of 3073-byte records/);
  assert.throws(() => parseCifarBatch(batch([record([12], 0)]), cifar10Layout, 'test_batch.bin'), /test_batch\.bin: record 0 has label 12, not below 10/);
  assert.throws(() => parseCifarBatch(new Uint8Array(0), cifar10Layout, 'x.bin'), /x\.bin: is empty/);
});

test('loads CIFAR-10 from the data folder across batches, with limits and class names', async () => {
  const dir = path.join(root, 'data', 'cifar-10-batches-bin');
  await mkdir(dir, { recursive: true });
  for (let i = 1; i <= 5; i++) await writeFile(path.join(dir, `data_batch_${i}.bin`), batch([record([i], i), record([0], i)]));
  await writeFile(path.join(dir, 'test_batch.bin'), batch([record([9], 0)]));
  await writeFile(path.join(dir, 'batches.meta.txt'), 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n');
  const loaded = await loadDataset({ kind: 'cifar10', trainLimit: 5, testLimit: 0 }, path.join(root, 'data'));
  assert.equal(loaded.type, 'image');
  if (loaded.type !== 'image') return;
  assert.deepEqual(loaded.data.shape, [32, 32, 3]);
  assert.equal(loaded.data.train.count, 5);
  assert.deepEqual(Array.from(loaded.data.train.labels), [1, 0, 2, 0, 3]);
  assert.equal(loaded.data.test.count, 1);
  assert.equal(loaded.data.classes[9], 'j');

  const list = await listDatasets(path.join(root, 'data'), { bundledDataDir: path.join(root, 'none') });
  const info = list.find((d) => d.kind === 'cifar10');
  assert.equal(info?.available, true);
  assert.equal(info?.trainCount, 10);
  assert.equal(info?.testCount, 1);
});

test('a missing CIFAR batch is named; a truncated one fails with its path', async () => {
  const dir = path.join(root, 'broken');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'train.bin'), batch([record([1, 2], 0)]));
  await assert.rejects(loadDataset({ kind: 'cifar100', path: dir, label: 'fine', trainLimit: 0, testLimit: 0 }, root), /CIFAR-100 binary batches not found; looked in .*broken lacks test\.bin/);
  await writeFile(path.join(dir, 'test.bin'), batch([record([1, 2], 0)]).subarray(0, 100));
  await assert.rejects(
    loadDataset({ kind: 'cifar100', path: dir, label: 'coarse', trainLimit: 0, testLimit: 0 }, root),
    (e: Error) => e.message.startsWith(path.join(dir, 'test.bin')) && /100 bytes is not a whole number of 3074-byte records/.test(e.message),
  );
});
