import assert from 'node:assert/strict';
import { rmSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { datasetConfigSchema } from '../../../../shared/config/datasetConfig.js';
import { inspectDataset } from '../../../../main/data/inspectDataset.js';
import { loadImageDataset } from '../../../../main/data/loadImageDataset.js';
import { imageNormalizations, normalizeImages } from '../../../../shared/ml/data/imageNormalization.js';
import { tempDirForSuite } from '../../../support/tempDir.js';
import { writeTinyImagenetFixture } from '../../../support/tinyImagenetFixture.js';

const config = (fields: Record<string, unknown>) => datasetConfigSchema.parse({ kind: 'tiny-imagenet', ...fields });

test('Tiny ImageNet in its standard layout: classes from wnids.txt named by words.txt, the validation split as test, resized', async () => {
  const root = tempDirForSuite('tiny-imagenet');
  const { wnids } = writeTinyImagenetFixture(root, { classes: 3, trainPerClass: 4, valPerClass: 2, size: 16 });
  // The default path is the folder's own name in the data folder.
  const data = await loadImageDataset(config({ imageSize: [8, 8] }), root);
  assert.deepEqual(data.classes, ['class 0', 'class 1', 'class 2']);
  assert.deepEqual(data.shape, [8, 8, 3]);
  assert.equal(data.train.count, 12);
  assert.equal(data.test.count, 6);
  assert.equal(data.train.images.length, 12 * 8 * 8 * 3);
  assert.deepEqual([...data.test.labels].sort(), [0, 0, 1, 1, 2, 2]);
  // Class 1's red channel is 97/255 everywhere (JPEG keeps a flat channel nearly exact).
  const first = [...data.train.labels].indexOf(1);
  assert.ok(Math.abs(data.train.images[first * 8 * 8 * 3] - 97 / 255) < 0.03, String(data.train.images[first * 192]));
  const info = await inspectDataset(config({}), root);
  assert.equal(info.available, true, info.source);
  assert.deepEqual([info.trainCount, info.testCount], [12, 6]);

  const two = await loadImageDataset(config({ classLimit: 2, normalization: 'imagenet', trainLimit: 5 }), root);
  assert.deepEqual(two.classes, ['class 0', 'class 1']);
  assert.equal(two.train.count, 5);
  assert.equal(two.test.count, 4, 'validation images of the left-out class are left out');
  const red = two.train.images[[...two.train.labels].indexOf(1) * 64 * 64 * 3];
  assert.ok(Math.abs(red - (97 / 255 - 0.485) / 0.229) < 0.15, `ImageNet-normalised red ${red}`);

  appendFileSync(path.join(root, 'tiny-imagenet-200', 'val', 'val_annotations.txt'), 'val_99.JPEG\tn09999999\t0\t0\t1\t1\n');
  await assert.rejects(loadImageDataset(config({}), root), /val_annotations\.txt labels val_99\.JPEG with n09999999, which wnids\.txt does not list/);
  rmSync(path.join(root, 'tiny-imagenet-200', 'train', wnids[2]), { recursive: true });
  await assert.rejects(loadImageDataset(config({ classLimit: 3 }), root), new RegExp(`the training images of ${wnids[2]} .* are missing`));
  writeFileSync(path.join(root, 'tiny-imagenet-200', 'wnids.txt'), `${wnids[0]}\n`);
  await assert.rejects(loadImageDataset(config({}), root), /lists 1 classes, at least 2 are needed/);
  await assert.rejects(loadImageDataset(config({ path: 'elsewhere' }), root), /Tiny ImageNet folder .*elsewhere does not exist/);
});

test('the ImageNet normalisation preset: (x − mean) / std per channel', () => {
  const pixels = Float32Array.from([0.485, 0.456, 0.406, 1, 1, 1]);
  normalizeImages(pixels, 3, 'imagenet');
  const { mean, std } = imageNormalizations.imagenet;
  assert.deepEqual([...pixels].map((v) => Number(v.toFixed(5)) + 0), [0, 0, 0, ...mean.map((m, c) => Number(((1 - m) / std[c]).toFixed(5)))]);
  const untouched = Float32Array.from([0.3]);
  assert.equal(normalizeImages(untouched, 1, 'none')[0], Math.fround(0.3));
});
