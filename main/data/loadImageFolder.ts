import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import type { ImageDataset, ImageSplit } from '../../shared/ml/data/datasetTypes.js';
import { resizeBilinear, rgbaToFloat } from '../../shared/ml/data/resizeImage.js';
import { createRandom, shuffledIndices } from '../../shared/ml/random.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { decodeImage } from './decodeImage.js';
import { pathKind, resolveDataPath } from './resolveDataPath.js';

type ImageFolderConfig = Extract<DatasetConfig, { kind: 'image-folder' }>;

const imageExtensions = new Set(['.png', '.jpg', '.jpeg']);
/** The held-out split and the order of samples are seeded with this, not the run's seed, so every run of a dataset sees the same split. */
const splitSeed = 0;

interface LabeledFile {
  file: string;
  label: number;
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

async function imagesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && imageExtensions.has(path.extname(e.name).toLowerCase()))
    .map((e) => path.join(dir, e.name))
    .sort();
}

async function labeledFiles(root: string, classes: string[]): Promise<LabeledFile[]> {
  const out: LabeledFile[] = [];
  for (let label = 0; label < classes.length; label++) {
    const dir = path.join(root, classes[label]);
    if ((await pathKind(dir)) !== 'dir') continue;
    for (const file of await imagesIn(dir)) out.push({ file, label });
  }
  return out;
}

/** The folder's layout: train/ and test/ each with class sub-folders, or class sub-folders directly. */
export async function scanImageFolder(
  root: string,
  testFraction: number,
): Promise<{ classes: string[]; train: LabeledFile[]; test: LabeledFile[]; heldOut: boolean }> {
  if ((await pathKind(root)) !== 'dir') throw new DatasetLoadError(`image folder ${root} does not exist or is not a folder`);
  const top = await subfolders(root);
  const hasSplit = top.includes('train');
  const trainRoot = hasSplit ? path.join(root, 'train') : root;
  const classes = await subfolders(trainRoot);
  if (classes.length < 2) {
    throw new DatasetLoadError(`image folder ${trainRoot} needs one sub-folder per class (at least 2), found ${classes.length === 0 ? 'none' : classes.join(', ')}`);
  }
  const train = await labeledFiles(trainRoot, classes);
  if (train.length === 0) throw new DatasetLoadError(`image folder ${trainRoot}: no .png/.jpg/.jpeg files in its class sub-folders`);
  if (hasSplit && top.includes('test')) {
    const testRoot = path.join(root, 'test');
    const unknown = (await subfolders(testRoot)).filter((c) => !classes.includes(c));
    if (unknown.length > 0) throw new DatasetLoadError(`${testRoot} has classes not in ${trainRoot}: ${unknown.join(', ')}`);
    return { classes, train, test: await labeledFiles(testRoot, classes), heldOut: false };
  }
  // Hold out the same fraction of every class, chosen by a seeded shuffle.
  const random = createRandom(splitSeed);
  const keep: LabeledFile[] = [];
  const held: LabeledFile[] = [];
  for (let label = 0; label < classes.length; label++) {
    const files = train.filter((f) => f.label === label);
    const order = shuffledIndices(files.length, random);
    const testCount = Math.round(files.length * testFraction);
    order.forEach((index, i) => (i < testCount ? held : keep).push(files[index]));
  }
  return { classes, train: keep, test: held, heldOut: true };
}

async function loadSplit(files: LabeledFile[], limit: number, config: ImageFolderConfig, seed: number): Promise<ImageSplit> {
  // Interleave the classes (seeded) so that a limit keeps every class.
  const order = shuffledIndices(files.length, createRandom(seed));
  const count = limit > 0 ? Math.min(limit, files.length) : files.length;
  const [h, w] = config.imageSize;
  const c = config.channels;
  const size = h * w * c;
  const images = new Float32Array(count * size);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const { file, label } = files[order[i]];
    const image = decodeImage(await readFile(file), file);
    const pixels = rgbaToFloat(image.rgba, image.width * image.height, c);
    resizeBilinear(pixels, [image.height, image.width, c], [h, w], images.subarray(i * size, (i + 1) * size));
    labels[i] = label;
  }
  return { images, labels, count };
}

/**
 * Loads an image folder (one sub-folder per class; PNG or JPEG), every image converted to the
 * configured channels and resized (bilinear) to `imageSize`. Without a test/ folder, `testFraction`
 * of each class is held out by a fixed-seed split.
 */
export async function loadImageFolder(config: ImageFolderConfig, dataDir: string): Promise<ImageDataset> {
  const root = resolveDataPath(dataDir, config.path);
  const scan = await scanImageFolder(root, config.testFraction);
  const train = await loadSplit(scan.train, config.trainLimit, config, splitSeed + 1);
  const test = await loadSplit(scan.test, config.testLimit, config, splitSeed + 2);
  return {
    name: `Image folder ${root}${scan.heldOut ? ` (${Math.round(config.testFraction * 100)}% held out)` : ''}`,
    classes: scan.classes,
    shape: [config.imageSize[0], config.imageSize[1], config.channels],
    train,
    test,
  };
}
