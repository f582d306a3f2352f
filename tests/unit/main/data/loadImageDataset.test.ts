import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { listDatasets } from '../../../../main/data/listDatasets.js';
import { loadImageDataset } from '../../../../main/data/loadImageDataset.js';
import { encodeIdx } from '../../../../shared/ml/data/idx.js';

let root: string;
const emptyBundle = () => path.join(root, 'no-bundle');

/** Writes a tiny MNIST-layout dataset (n train, m test, 4x4 images) into dir. */
async function writeTinyIdx(dir: string, n: number, m: number, gzip: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  const write = (name: string, bytes: Uint8Array) => writeFile(path.join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  const pixels = (count: number) => Uint8Array.from({ length: count * 16 }, (_, i) => i % 256);
  const labels = (count: number) => Uint8Array.from({ length: count }, (_, i) => i % 10);
  await write('train-images-idx3-ubyte', encodeIdx([n, 4, 4], pixels(n)));
  await write('train-labels-idx1-ubyte', encodeIdx([n], labels(n)));
  await write('t10k-images-idx3-ubyte', encodeIdx([m, 4, 4], pixels(m)));
  await write('t10k-labels-idx1-ubyte', encodeIdx([m], labels(m)));
}

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'optlab-data-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('loads gzipped MNIST from the data folder and applies the limits', async () => {
  const dataDir = path.join(root, 'gz');
  await writeTinyIdx(path.join(dataDir, 'mnist'), 12, 5, true);
  const ds = await loadImageDataset({ kind: 'mnist', trainLimit: 7, testLimit: 0 }, dataDir, { bundledDataDir: emptyBundle() });
  assert.deepEqual(ds.shape, [4, 4, 1]);
  assert.equal(ds.train.count, 7);
  assert.equal(ds.train.images.length, 7 * 16);
  assert.equal(ds.test.count, 5);
  assert.deepEqual(Array.from(ds.train.labels), [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(ds.train.images[1], Math.fround(1 / 255));
  assert.equal(ds.classes.length, 10);
  assert.match(ds.name, /data folder/);
});

test('loads raw (not gzipped) IDX files', async () => {
  const dataDir = path.join(root, 'raw');
  await writeTinyIdx(path.join(dataDir, 'mnist'), 3, 2, false);
  const ds = await loadImageDataset({ kind: 'mnist', trainLimit: 0, testLimit: 0 }, dataDir, { bundledDataDir: emptyBundle() });
  assert.equal(ds.train.count, 3);
  assert.equal(ds.test.count, 2);
});

test('a missing dataset fails naming the places searched and the missing files', async () => {
  const dataDir = path.join(root, 'partial');
  await mkdir(path.join(dataDir, 'mnist'), { recursive: true });
  await writeFile(path.join(dataDir, 'mnist', 'train-images-idx3-ubyte'), encodeIdx([1, 4, 4], new Uint8Array(16)));
  await assert.rejects(
    loadImageDataset({ kind: 'mnist', trainLimit: 0, testLimit: 0 }, dataDir, { bundledDataDir: emptyBundle() }),
    /MNIST not found; looked in .*mnist lacks train-labels-idx1-ubyte\[\.gz\], t10k-images-idx3-ubyte\[\.gz\], t10k-labels-idx1-ubyte\[\.gz\]/,
  );
});

test('a truncated gzip file fails naming that file', async () => {
  const dataDir = path.join(root, 'truncated');
  const dir = path.join(dataDir, 'mnist');
  await writeTinyIdx(dir, 4, 2, true);
  const full = gzipSync(encodeIdx([4, 4, 4], new Uint8Array(64).fill(7)));
  await writeFile(path.join(dir, 'train-images-idx3-ubyte.gz'), full.subarray(0, full.length - 12));
  await assert.rejects(
    loadImageDataset({ kind: 'mnist', trainLimit: 0, testLimit: 0 }, dataDir, { bundledDataDir: emptyBundle() }),
    (e: Error) => e.message.includes(path.join(dir, 'train-images-idx3-ubyte.gz')) && /not a valid gzip file/.test(e.message),
  );
});

test('images and labels of different counts fail naming the labels file', async () => {
  const dataDir = path.join(root, 'mismatch');
  const dir = path.join(dataDir, 'mnist');
  await writeTinyIdx(dir, 4, 2, false);
  await writeFile(path.join(dir, 't10k-labels-idx1-ubyte'), encodeIdx([3], Uint8Array.from([1, 2, 3])));
  await assert.rejects(
    loadImageDataset({ kind: 'mnist', trainLimit: 0, testLimit: 0 }, dataDir, { bundledDataDir: emptyBundle() }),
    /t10k-labels-idx1-ubyte: has 3 labels but .*t10k-images-idx3-ubyte has 2 images/,
  );
});

test('a payload shorter than its dimensions fails naming the file', async () => {
  const dataDir = path.join(root, 'short');
  const dir = path.join(dataDir, 'mnist');
  await writeTinyIdx(dir, 4, 2, false);
  const bytes = encodeIdx([4, 4, 4], new Uint8Array(64));
  await writeFile(path.join(dir, 'train-images-idx3-ubyte'), bytes.subarray(0, 50));
  await assert.rejects(
    loadImageDataset({ kind: 'mnist', trainLimit: 0, testLimit: 0 }, dataDir, { bundledDataDir: emptyBundle() }),
    /train-images-idx3-ubyte: truncated: dimensions \[4, 4, 4\] need 64 payload bytes, the file has 34/,
  );
});

test('Fashion-MNIST falls back to the bundled real subset', async () => {
  const dataDir = path.join(root, 'empty');
  const ds = await loadImageDataset({ kind: 'fashion-mnist', trainLimit: 0, testLimit: 0 }, dataDir);
  // The system copy (Debian) is preferred when present; otherwise the bundled 5000/1000 subset.
  assert.deepEqual(ds.shape, [28, 28, 1]);
  assert.ok(ds.train.count === 5000 || ds.train.count === 60000);
  assert.ok(ds.test.count === 1000 || ds.test.count === 10000);
  // The first Fashion-MNIST training label is 9 (ankle boot), the first test label 9 as well.
  assert.equal(ds.train.labels[0], 9);
  assert.equal(ds.test.labels[0], 9);
  assert.equal(ds.classes[9], 'Ankle boot');
});

test('the data folder is searched before the bundled subset', async () => {
  const dataDir = path.join(root, 'preferred');
  await writeTinyIdx(path.join(dataDir, 'fashion-mnist'), 6, 3, true);
  const ds = await loadImageDataset({ kind: 'fashion-mnist', trainLimit: 0, testLimit: 0 }, dataDir);
  assert.equal(ds.train.count, 6);
});

test('listDatasets reports counts and sources, and surfaces as always available', async () => {
  const dataDir = path.join(root, 'list');
  await writeTinyIdx(path.join(dataDir, 'mnist'), 12, 5, true);
  const list = await listDatasets(dataDir, { bundledDataDir: path.join(root, 'no-bundle') });
  const mnist = list.find((d) => d.kind === 'mnist');
  assert.ok(mnist);
  assert.equal(mnist.available, true);
  assert.equal(mnist.trainCount, 12);
  assert.equal(mnist.testCount, 5);
  assert.match(mnist.source, /^data folder: /);
  const surface = list.find((d) => d.kind === 'surface');
  assert.equal(surface?.available, true);
  for (const kind of ['image-folder', 'text-csv', 'text-lm']) assert.equal(list.find((d) => d.kind === kind)?.available, true, kind);
  const cifar = list.find((d) => d.kind === 'cifar10');
  assert.equal(cifar?.available, false);
  assert.match(cifar?.source ?? '', /CIFAR-10 binary batches not found; looked in .*cifar-10-batches-bin \(no such folder\)/);
  const fashion = list.find((d) => d.kind === 'fashion-mnist');
  assert.ok(fashion);
  if (!fashion.available) assert.match(fashion.source, /Fashion-MNIST not found; looked in/);
});

test('the bundled subset holds the first 5000/1000 real Fashion-MNIST images', async () => {
  const { findIdxFiles } = await import('../../../../main/data/findIdxFiles.js');
  const { fashionMnistSource } = await import('../../../../main/data/kinds/fashionMnist.js');
  const { readDataFile } = await import('../../../../main/data/readDataFile.js');
  const { parseIdx } = await import('../../../../shared/ml/data/idx.js');
  const source = { ...fashionMnistSource, systemFolders: [] };
  const location = await findIdxFiles(source, path.join(root, 'nothing-here'));
  assert.ok(!('notFound' in location));
  assert.equal(location.origin, 'bundled subset');
  const trainImages = parseIdx(await readDataFile(location.files.trainImages), 'train');
  const testLabels = parseIdx(await readDataFile(location.files.testLabels), 'test');
  assert.deepEqual(trainImages.dims, [5000, 28, 28]);
  assert.deepEqual(testLabels.dims, [1000]);
  // Known first test labels of Fashion-MNIST: ankle boot, pullover, trouser, trouser, shirt.
  assert.deepEqual(Array.from(testLabels.data.subarray(0, 5)), [9, 2, 1, 1, 6]);
});
