import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { inspectDataset } from '../../../../main/data/inspectDataset.js';

let root: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'optlab-inspect-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('inspectDataset counts an image folder without decoding and reports problems as unavailable', async () => {
  const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
  for (const cls of ['a', 'b']) {
    await mkdir(path.join(root, 'imgs', cls), { recursive: true });
    for (let i = 0; i < 5; i++) await writeFile(path.join(root, 'imgs', cls, `${i}.png`), png);
  }
  const info = await inspectDataset({ kind: 'image-folder', path: 'imgs', imageSize: [8, 8], channels: 3, testFraction: 0.2, trainLimit: 0, testLimit: 0 }, root);
  assert.deepEqual({ ...info, source: '' }, { kind: 'image-folder', title: 'Image folder', available: true, source: '', trainCount: 8, testCount: 2, classes: ['a', 'b'] });

  const missing = await inspectDataset({ kind: 'text-lm', path: 'nowhere', level: 'word', seqLength: 4, trainLimit: 0, testLimit: 0 }, root);
  assert.equal(missing.available, false);
  assert.match(missing.source, /nowhere does not exist/);

  await writeFile(path.join(root, 'news.csv'), '1,"a b","c"\n2,"d","e f"\n1,"g","h"\n2,"i","j"\n');
  const text = await inspectDataset({ kind: 'text-csv', path: 'news.csv', vocabSize: 100, maxLength: 4, lowercase: true, testFraction: 0.25, trainLimit: 0, testLimit: 0 }, root);
  assert.equal(text.available, true);
  assert.equal(text.trainCount + text.testCount, 4);
  assert.deepEqual(text.classes, ['1', '2']);
});
