import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import type { ImageDataset, ImageSplit } from '../../shared/ml/data/datasetTypes.js';
import { normalizeImages } from '../../shared/ml/data/imageNormalization.js';
import { resizeBilinear, rgbaToFloat } from '../../shared/ml/data/resizeImage.js';
import { createRandom, shuffledIndices } from '../../shared/ml/random.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { decodeImage } from './decodeImage.js';
import { pathKind, resolveDataPath } from './resolveDataPath.js';

type TinyImagenetConfig = Extract<DatasetConfig, { kind: 'tiny-imagenet' }>;

interface LabeledFile {
  file: string;
  label: number;
}

/** The sample order (and so what a limit keeps) is seeded with this, not the run's seed. */
const orderSeed = 0;

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new DatasetLoadError(`Tiny ImageNet: ${what} ${file} is missing`);
  }
}

/**
 * The files of a tiny-imagenet-200 folder: classes from wnids.txt (the first `classLimit`), named
 * from words.txt when present; training images train/<wnid>/images/*.JPEG; the labelled validation
 * images val/images/ listed in val/val_annotations.txt (file, wnid, box) as the test split.
 */
export async function scanTinyImagenet(root: string, classLimit: number): Promise<{ wnids: string[]; classes: string[]; train: LabeledFile[]; test: LabeledFile[] }> {
  if ((await pathKind(root)) !== 'dir') throw new DatasetLoadError(`Tiny ImageNet folder ${root} does not exist or is not a folder`);
  const all = (await readText(path.join(root, 'wnids.txt'), 'the class list')).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (all.length < 2) throw new DatasetLoadError(`Tiny ImageNet: ${path.join(root, 'wnids.txt')} lists ${all.length} classes, at least 2 are needed`);
  const wnids = classLimit > 0 ? all.slice(0, classLimit) : all;
  const index = new Map(wnids.map((w, i) => [w, i]));
  const words = new Map<string, string>();
  if ((await pathKind(path.join(root, 'words.txt'))) === 'file') {
    for (const line of (await readFile(path.join(root, 'words.txt'), 'utf8')).split(/\r?\n/)) {
      const [wnid, names] = line.split('\t');
      if (wnid && names && index.has(wnid)) words.set(wnid, names.split(',')[0].trim());
    }
  }
  const train: LabeledFile[] = [];
  for (const [wnid, label] of index) {
    const dir = path.join(root, 'train', wnid, 'images');
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => /\.jpe?g$/i.test(n)).sort();
    } catch {
      throw new DatasetLoadError(`Tiny ImageNet: the training images of ${wnid} (${dir}) are missing`);
    }
    for (const name of names) train.push({ file: path.join(dir, name), label });
  }
  const annotations = path.join(root, 'val', 'val_annotations.txt');
  const test: LabeledFile[] = [];
  for (const line of (await readText(annotations, 'the validation labels')).split(/\r?\n/)) {
    const [file, wnid] = line.split('\t');
    if (!file || !wnid) continue;
    const label = index.get(wnid);
    if (label === undefined) {
      if (!all.includes(wnid)) throw new DatasetLoadError(`Tiny ImageNet: ${annotations} labels ${file} with ${wnid}, which wnids.txt does not list`);
      continue; // a class left out by classLimit
    }
    test.push({ file: path.join(root, 'val', 'images', file), label });
  }
  return { wnids, classes: wnids.map((w) => words.get(w) ?? w), train, test };
}

async function loadSplit(files: LabeledFile[], limit: number, config: TinyImagenetConfig, seed: number): Promise<ImageSplit> {
  // Interleave the classes (seeded) so that a limit keeps every class.
  const order = shuffledIndices(files.length, createRandom(seed));
  const count = limit > 0 ? Math.min(limit, files.length) : files.length;
  const [h, w] = config.imageSize;
  const size = h * w * 3;
  const images = new Float32Array(count * size);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const { file, label } = files[order[i]];
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      throw new DatasetLoadError(`Tiny ImageNet: image ${file} is missing`);
    }
    const image = decodeImage(bytes, file);
    const pixels = rgbaToFloat(image.rgba, image.width * image.height, 3);
    resizeBilinear(pixels, [image.height, image.width, 3], [h, w], images.subarray(i * size, (i + 1) * size));
    labels[i] = label;
  }
  normalizeImages(images, 3, config.normalization);
  return { images, labels, count };
}

/**
 * Loads Tiny ImageNet from its standard folder layout: RGB images resized (bilinear) to `imageSize`
 * and normalised per channel (`normalization`); the labelled validation split is the test split.
 */
export async function loadTinyImagenet(config: TinyImagenetConfig, dataDir: string): Promise<ImageDataset> {
  const root = resolveDataPath(dataDir, config.path);
  const scan = await scanTinyImagenet(root, config.classLimit);
  if (scan.train.length === 0) throw new DatasetLoadError(`Tiny ImageNet: no training images under ${path.join(root, 'train')}`);
  return {
    name: `Tiny ImageNet ${root}${config.classLimit > 0 ? ` (first ${scan.classes.length} classes)` : ''}`,
    classes: scan.classes,
    shape: [config.imageSize[0], config.imageSize[1], 3],
    train: await loadSplit(scan.train, config.trainLimit, config, orderSeed + 1),
    test: await loadSplit(scan.test, config.testLimit, config, orderSeed + 2),
  };
}
