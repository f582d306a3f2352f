/**
 * Makes data/fashion-mnist-subset: the first 5000 training and first 1000 test images and labels of
 * Fashion-MNIST, as gzipped IDX files, from a full copy (Debian's /usr/share/datasets/fashion-mnist).
 * Run: node --import tsx scripts/makeBundledSubset.ts [sourceDir] [outDir]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx, parseIdx } from '../shared/ml/data/idx.js';
import { idxFilesIn } from '../main/data/findIdxFiles.js';
import { readDataFile } from '../main/data/readDataFile.js';

const sourceDir = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
const outDir = process.argv[3] ?? path.join(import.meta.dirname, '..', 'data', 'fashion-mnist-subset');
const trainCount = 5000;
const testCount = 1000;

const found = await idxFilesIn(sourceDir);
if ('missing' in found) throw new Error(`${sourceDir} lacks ${found.missing.join(', ')}`);
await mkdir(outDir, { recursive: true });

const parts: Array<[string, string, number]> = [
  [found.files.trainImages, 'train-images-idx3-ubyte.gz', trainCount],
  [found.files.trainLabels, 'train-labels-idx1-ubyte.gz', trainCount],
  [found.files.testImages, 't10k-images-idx3-ubyte.gz', testCount],
  [found.files.testLabels, 't10k-labels-idx1-ubyte.gz', testCount],
];
for (const [file, name, count] of parts) {
  const { dims, data } = parseIdx(await readDataFile(file), file);
  const perItem = dims.slice(1).reduce((a, b) => a * b, 1);
  const subset = encodeIdx([count, ...dims.slice(1)], data.subarray(0, count * perItem));
  // mtime 0 in the gzip header keeps the output byte-identical between runs.
  await writeFile(path.join(outDir, name), gzipSync(subset, { level: 9 }));
  console.log(`${name}: first ${count} of ${dims[0]}`);
}
