import type { DatasetInfo } from '../../shared/api/contract.js';
import { surfaceNames } from '../../shared/config/datasetConfig.js';
import { parseIdxHeader } from '../../shared/ml/data/idx.js';
import { findIdxFiles } from './findIdxFiles.js';
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
  return [...idx, surface];
}
