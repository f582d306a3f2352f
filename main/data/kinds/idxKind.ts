import type { DatasetInfo } from '../../../shared/api/contract.js';
import type { DatasetConfig } from '../../../shared/config/datasetConfig.js';
import type { ImageDataset } from '../../../shared/ml/data/datasetTypes.js';
import { idxImageSplit, parseIdxHeader } from '../../../shared/ml/data/idx.js';
import { DatasetLoadError } from '../datasetLoadError.js';
import type { PublicDataset } from '../download/publicDatasets.js';
import { findIdxFiles, idxFilesIn } from '../findIdxFiles.js';
import type { IdxDatasetSource } from '../idxDatasetSources.js';
import { readDataFileHead } from '../readDataFile.js';
import { readIdxFile } from '../readIdxFile.js';
import { defineDatasetKindData, type DataLocations, type DatasetKindData } from './datasetKindData.js';

type IdxKind = IdxDatasetSource['kind'];

/**
 * The main half of an IDX dataset (MNIST, Fashion-MNIST): its files searched in the app's data
 * folder, then system copies, then the bundled subset (`findIdxFiles`); downloads and imports of the
 * four files.
 */
export function idxDatasetKind<K extends IdxKind>(source: IdxDatasetSource & { kind: K }, download: PublicDataset): DatasetKindData<K> {
  const list = (where: DataLocations) => describeIdx(source, where);
  return defineDatasetKindData<K>({
    kind: source.kind,
    load: async (config, where) => ({ type: 'image', data: await loadIdxDataset(source, config, where) }),
    inspect: async (_config, where) => {
      const listed = await list(where);
      if (!listed.available) throw new DatasetLoadError(listed.source);
      return listed;
    },
    list,
    download,
    findImportFiles: async (from) => {
      const found = await idxFilesIn(from);
      if ('missing' in found) throw new DatasetLoadError(`${from}: no ${source.title} files here (missing ${found.missing.join(', ')})`);
      return { folder: source.folder, files: Object.values(found.files) };
    },
  });
}

async function countIn(file: string): Promise<number> {
  const head = await readDataFileHead(file, 64);
  return parseIdxHeader(head, file).dims[0];
}

async function describeIdx(source: IdxDatasetSource, where: DataLocations): Promise<DatasetInfo> {
  const base = { kind: source.kind, title: source.title, classes: source.classes };
  const location = await findIdxFiles(source, where.dataDir, where.bundledDataDir);
  if ('notFound' in location) return { ...base, available: false, source: location.notFound, trainCount: 0, testCount: 0 };
  try {
    const [trainCount, testCount] = await Promise.all([countIn(location.files.trainImages), countIn(location.files.testImages)]);
    return { ...base, available: true, source: `${location.origin}: ${location.dir}`, trainCount, testCount };
  } catch (error) {
    return { ...base, available: false, source: (error as Error).message, trainCount: 0, testCount: 0 };
  }
}

async function loadIdxDataset(source: IdxDatasetSource, config: Extract<DatasetConfig, { kind: IdxKind }>, where: DataLocations): Promise<ImageDataset> {
  const location = await findIdxFiles(source, where.dataDir, where.bundledDataDir);
  if ('notFound' in location) throw new DatasetLoadError(location.notFound);
  const { files } = location;
  const limits = [config.trainLimit, config.trainLimit, config.testLimit, config.testLimit];
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    [files.trainImages, files.trainLabels, files.testImages, files.testLabels].map((file, i) => readIdxFile(file, { limit: limits[i] })),
  );
  const classCount = source.classes.length;
  const train = idxImageSplit(trainImages, trainLabels, { images: files.trainImages, labels: files.trainLabels }, { limit: config.trainLimit, classCount });
  const test = idxImageSplit(testImages, testLabels, { images: files.testImages, labels: files.testLabels }, { limit: config.testLimit, classCount });
  if (train.height !== test.height || train.width !== test.width) {
    throw new DatasetLoadError(
      `${files.testImages}: images are ${test.height}x${test.width} but the training images (${files.trainImages}) are ${train.height}x${train.width}`,
    );
  }
  return {
    name: `${source.title} (${location.origin}: ${location.dir})`,
    classes: source.classes,
    shape: [train.height, train.width, 1],
    train: { images: train.images, labels: train.labels, count: train.count },
    test: { images: test.images, labels: test.labels, count: test.count },
  };
}
