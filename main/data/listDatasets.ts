import type { DatasetInfo } from '../../shared/api/contract.js';
import { surfaceNames } from '../../shared/config/datasetConfig.js';
import { parseIdxHeader } from '../../shared/ml/data/idx.js';
import { findIdxFiles } from './findIdxFiles.js';
import { cifarRecordCount } from '../../shared/ml/data/cifar.js';
import { cifarVariant, findCifarDir } from './loadCifar.js';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { idxDatasetSources, type IdxDatasetSource } from './idxDatasetSources.js';
import { readDataFileHead } from './readDataFile.js';

async function countIn(file: string): Promise<number> {
  const head = await readDataFileHead(file, 64);
  return parseIdxHeader(head, file).dims[0];
}

async function describeIdx(source: IdxDatasetSource, dataDir: string, bundledDataDir?: string): Promise<DatasetInfo> {
  const base = { kind: source.kind, title: source.title, classes: source.classes };
  const location = await findIdxFiles(source, dataDir, bundledDataDir);
  if ('notFound' in location) return { ...base, available: false, source: location.notFound, trainCount: 0, testCount: 0 };
  try {
    const [trainCount, testCount] = await Promise.all([countIn(location.files.trainImages), countIn(location.files.testImages)]);
    return { ...base, available: true, source: `${location.origin}: ${location.dir}`, trainCount, testCount };
  } catch (error) {
    return { ...base, available: false, source: (error as Error).message, trainCount: 0, testCount: 0 };
  }
}

async function describeCifar(kind: 'cifar10' | 'cifar100', dataDir: string): Promise<DatasetInfo> {
  const variant = cifarVariant({ kind });
  const classes = kind === 'cifar10' ? ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] : [];
  const base = { kind, title: variant.title, classes };
  const found = await findCifarDir({ kind }, dataDir);
  if ('notFound' in found) return { ...base, available: false, source: `${found.notFound} (or give a path)`, trainCount: 0, testCount: 0 };
  try {
    const count = async (files: string[]) => {
      let n = 0;
      for (const f of files) n += cifarRecordCount((await stat(path.join(found.dir, f))).size, variant.layout, path.join(found.dir, f));
      return n;
    };
    return { ...base, available: true, source: `data folder: ${found.dir}`, trainCount: await count(variant.trainFiles), testCount: await count(variant.testFiles) };
  } catch (error) {
    return { ...base, available: false, source: (error as Error).message, trainCount: 0, testCount: 0 };
  }
}

/** Kinds read from a path the user gives: always offered, nothing to count until a path is chosen. */
const pathDatasets: DatasetInfo[] = [
  {
    kind: 'image-folder',
    title: 'Image folder',
    available: true,
    source: 'a folder you choose: one sub-folder of PNG/JPEG images per class (or train/ and test/ holding them)',
    trainCount: 0,
    testCount: 0,
    classes: [],
  },
  {
    kind: 'text-csv',
    title: 'Text classification (CSV)',
    available: true,
    source: 'a CSV file you choose (label,title,text as AG News) or a folder with train.csv and test.csv',
    trainCount: 0,
    testCount: 0,
    classes: [],
  },
  {
    kind: 'cola',
    title: 'CoLA (acceptability)',
    available: true,
    source: 'the CoLA folder you choose (cola_public with in_domain_train.tsv, in_domain_dev.tsv, out_of_domain_dev.tsv, or GLUE’s train.tsv and dev.tsv)',
    trainCount: 0,
    testCount: 0,
    classes: [],
  },
  {
    kind: 'text-lm',
    title: 'Language modeling (text)',
    available: true,
    source: 'a folder you choose in PTB layout (ptb.train.txt, ptb.valid.txt, ptb.test.txt) or one text file',
    trainCount: 0,
    testCount: 0,
    classes: [],
  },
];

/** Every dataset the app can train on, with where it was found (or why it is unavailable). */
export async function listDatasets(dataDir: string, options: { bundledDataDir?: string } = {}): Promise<DatasetInfo[]> {
  const idx = await Promise.all(Object.values(idxDatasetSources).map((s) => describeIdx(s, dataDir, options.bundledDataDir)));
  const surface: DatasetInfo = {
    kind: 'surface',
    title: `Toy surfaces (${surfaceNames.join(', ')})`,
    available: true,
    source: 'built in',
    trainCount: 0,
    testCount: 0,
    classes: [],
  };
  const cifar = await Promise.all([describeCifar('cifar10', dataDir), describeCifar('cifar100', dataDir)]);
  return [...idx, ...cifar, ...pathDatasets, surface];
}
