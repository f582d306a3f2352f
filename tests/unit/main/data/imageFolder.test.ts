import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { loadDataset } from '../../../../main/data/loadDataset.js';
import { resizeBilinear } from '../../../../shared/ml/data/resizeImage.js';

let root: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'optlab-images-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

function pngOf(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

function jpegOf(width: number, height: number, rgb: [number, number, number]): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return jpeg.encode({ data, width, height }, 95).data;
}

async function makeFolder(dir: string, perClass: number): Promise<void> {
  for (const [name, rgb] of [['cat', [255, 0, 0]], ['dog', [0, 0, 255]]] as const) {
    await mkdir(path.join(dir, name), { recursive: true });
    for (let i = 0; i < perClass; i++) {
      const file = i % 2 === 0 ? `img${i}.png` : `img${i}.jpg`;
      await writeFile(path.join(dir, name, file), i % 2 === 0 ? pngOf(8 + i, 6, [...rgb]) : jpegOf(10, 10, [...rgb]));
    }
  }
}

test('bilinear resize samples pixel centres (as PyTorch align_corners=False)', () => {
  // 1x2 → 1x4: [0, 1] becomes [0, 0.25, 0.75, 1].
  assert.deepEqual(Array.from(resizeBilinear(Float32Array.from([0, 1]), [1, 2, 1], [1, 4])), [0, 0.25, 0.75, 1]);
  // 2x2 → 1x1 averages the four.
  assert.deepEqual(Array.from(resizeBilinear(Float32Array.from([0, 1, 2, 3]), [2, 2, 1], [1, 1])), [1.5]);
});

test('an image folder loads PNG and JPEG, resized, with a held-out split per class', async () => {
  const dir = path.join(root, 'flat');
  await makeFolder(dir, 10);
  const loaded = await loadDataset(
    { kind: 'image-folder', path: dir, imageSize: [4, 4], channels: 3, testFraction: 0.2, trainLimit: 0, testLimit: 0 },
    root,
  );
  assert.equal(loaded.type, 'image');
  if (loaded.type !== 'image') return;
  const ds = loaded.data;
  assert.deepEqual(ds.classes, ['cat', 'dog']);
  assert.deepEqual(ds.shape, [4, 4, 3]);
  assert.equal(ds.train.count, 16);
  assert.equal(ds.test.count, 4);
  assert.deepEqual([0, 1].map((c) => ds.test.labels.filter((l) => l === c).length), [2, 2]);
  // Cats are red, dogs blue (JPEG is lossy: compare loosely).
  for (let i = 0; i < ds.train.count; i++) {
    const [r, , b] = ds.train.images.subarray(i * 48, i * 48 + 3);
    if (ds.train.labels[i] === 0) assert.ok(r > 0.9 && b < 0.1, `cat ${i}: ${r}, ${b}`);
    else assert.ok(b > 0.9 && r < 0.1, `dog ${i}: ${r}, ${b}`);
  }
  // A limit keeps both classes (samples are interleaved by a seeded shuffle).
  const limited = await loadDataset({ kind: 'image-folder', path: dir, imageSize: [4, 4], channels: 1, testFraction: 0.2, trainLimit: 6, testLimit: 0 }, root);
  if (limited.type !== 'image') return;
  assert.equal(limited.data.train.count, 6);
  assert.equal(new Set(limited.data.train.labels).size, 2);
  assert.deepEqual(limited.data.shape, [4, 4, 1]);
});

test('train/ and test/ folders are used as given', async () => {
  const dir = path.join(root, 'split');
  await makeFolder(path.join(dir, 'train'), 3);
  await makeFolder(path.join(dir, 'test'), 2);
  const loaded = await loadDataset({ kind: 'image-folder', path: dir, imageSize: [5, 5], channels: 3, testFraction: 0.2, trainLimit: 0, testLimit: 0 }, root);
  if (loaded.type !== 'image') throw new Error('expected images');
  assert.equal(loaded.data.train.count, 6);
  assert.equal(loaded.data.test.count, 4);
});

test('a corrupt image and a folder without classes fail with clear messages', async () => {
  const dir = path.join(root, 'corrupt');
  await makeFolder(dir, 2);
  const broken = pngOf(8, 8, [1, 2, 3]);
  await writeFile(path.join(dir, 'cat', 'broken.png'), broken.subarray(0, 40));
  await assert.rejects(
    loadDataset({ kind: 'image-folder', path: dir, imageSize: [4, 4], channels: 3, testFraction: 0, trainLimit: 0, testLimit: 0 }, root),
    (e: Error) => e.message.startsWith(path.join(dir, 'cat', 'broken.png')) && /not a readable PNG/.test(e.message),
  );
  await writeFile(path.join(dir, 'cat', 'broken.png'), 'hello');
  await assert.rejects(
    loadDataset({ kind: 'image-folder', path: dir, imageSize: [4, 4], channels: 3, testFraction: 0, trainLimit: 0, testLimit: 0 }, root),
    /broken\.png: neither PNG nor JPEG/,
  );
  const empty = path.join(root, 'noclasses');
  await mkdir(empty, { recursive: true });
  await assert.rejects(
    loadDataset({ kind: 'image-folder', path: empty, imageSize: [4, 4], channels: 3, testFraction: 0.2, trainLimit: 0, testLimit: 0 }, root),
    /needs one sub-folder per class \(at least 2\), found none/,
  );
});
