import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import {
  cifar100CoarseLayout,
  cifar100FineLayout,
  cifar10Layout,
  concatRecords,
  parseCifarBatch,
  parseLabelNames,
  type CifarLayout,
  type CifarRecords,
} from '../../shared/ml/data/cifar.js';
import type { ImageDataset } from '../../shared/ml/data/datasetTypes.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { readDataFile } from './readDataFile.js';
import { pathKind, resolveDataPath } from './resolveDataPath.js';

type CifarConfig = Extract<DatasetConfig, { kind: 'cifar10' | 'cifar100' }>;

interface CifarVariant {
  title: string;
  /** Folder names tried in the data folder when the config gives no path. */
  folders: string[];
  trainFiles: string[];
  testFiles: string[];
  namesFile: string;
  layout: CifarLayout;
}

const cifar10Classes = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

export function cifarVariant(config: Pick<CifarConfig, 'kind'> & { label?: 'fine' | 'coarse' }): CifarVariant {
  if (config.kind === 'cifar10') {
    return {
      title: 'CIFAR-10',
      folders: ['cifar-10-batches-bin', 'cifar-10', 'cifar10'],
      trainFiles: [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`),
      testFiles: ['test_batch.bin'],
      namesFile: 'batches.meta.txt',
      layout: cifar10Layout,
    };
  }
  const coarse = config.label === 'coarse';
  return {
    title: coarse ? 'CIFAR-100 (coarse)' : 'CIFAR-100',
    folders: ['cifar-100-binary', 'cifar-100', 'cifar100'],
    trainFiles: ['train.bin'],
    testFiles: ['test.bin'],
    namesFile: coarse ? 'coarse_label_names.txt' : 'fine_label_names.txt',
    layout: coarse ? cifar100CoarseLayout : cifar100FineLayout,
  };
}

/** The folder holding a CIFAR variant's batches, or why none was found. */
export async function findCifarDir(
  config: { kind: CifarConfig['kind']; path?: string; label?: 'fine' | 'coarse' },
  dataDir: string,
): Promise<{ dir: string } | { notFound: string }> {
  const variant = cifarVariant(config);
  const candidates = config.path ? [resolveDataPath(dataDir, config.path)] : variant.folders.map((f) => path.join(dataDir, f));
  const notes: string[] = [];
  for (const dir of candidates) {
    if ((await pathKind(dir)) !== 'dir') {
      notes.push(`${dir} (no such folder)`);
      continue;
    }
    const missing: string[] = [];
    for (const file of [...variant.trainFiles, ...variant.testFiles]) if ((await pathKind(path.join(dir, file))) !== 'file') missing.push(file);
    if (missing.length === 0) return { dir };
    notes.push(`${dir} lacks ${missing.join(', ')}`);
  }
  return { notFound: `${variant.title} binary batches not found; looked in ${notes.join('; ')}` };
}

async function readBatches(dir: string, files: string[], layout: CifarLayout, limit: number): Promise<CifarRecords> {
  const parts: CifarRecords[] = [];
  let remaining = limit;
  for (const name of files) {
    const file = path.join(dir, name);
    const part = parseCifarBatch(await readDataFile(file), layout, file, limit > 0 ? remaining : 0);
    parts.push(part);
    if (limit > 0) {
      remaining -= part.count;
      if (remaining <= 0) break;
    }
  }
  return concatRecords(parts);
}

async function classNames(dir: string, variant: CifarVariant): Promise<string[]> {
  const file = path.join(dir, variant.namesFile);
  let names: string[] = [];
  try {
    names = parseLabelNames(await readFile(file, 'utf8'));
  } catch {
    // The names file is optional.
  }
  if (names.length === variant.layout.classCount) return names;
  if (variant.layout.classCount === 10) return cifar10Classes;
  return Array.from({ length: variant.layout.classCount }, (_, i) => String(i));
}

/** Loads CIFAR-10 or CIFAR-100 from its binary batches (32x32x3, channels last, in [0, 1]). */
export async function loadCifar(config: CifarConfig, dataDir: string): Promise<ImageDataset> {
  const variant = cifarVariant(config);
  const found = await findCifarDir(config, dataDir);
  if ('notFound' in found) throw new DatasetLoadError(found.notFound);
  const [train, test, classes] = await Promise.all([
    readBatches(found.dir, variant.trainFiles, variant.layout, config.trainLimit),
    readBatches(found.dir, variant.testFiles, variant.layout, config.testLimit),
    classNames(found.dir, variant),
  ]);
  return { name: `${variant.title} (${found.dir})`, classes, shape: [32, 32, 3], train, test };
}
