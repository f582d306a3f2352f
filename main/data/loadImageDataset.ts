import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import type { ImageDataset } from '../../shared/ml/data/datasetTypes.js';
import { idxImageSplit, parseIdx } from '../../shared/ml/data/idx.js';
import { findIdxFiles } from './findIdxFiles.js';
import { idxDatasetSources } from './idxDatasetSources.js';
import { readDataFile } from './readDataFile.js';

export interface LoadOptions {
  /** Where the bundled subsets are (the repository's `data/` folder by default). */
  bundledDataDir?: string;
}

/** A dataset could not be loaded; the message says which one, which file and what is wrong. */
export class DatasetLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetLoadError';
  }
}

/**
 * Loads an image classification dataset into memory (images in [0, 1], channels last), applying the
 * config's trainLimit/testLimit. Searches the app's data folder, then system copies, then the bundled
 * subset (see `findIdxFiles`).
 */
export async function loadImageDataset(config: DatasetConfig, dataDir: string, options: LoadOptions = {}): Promise<ImageDataset> {
  if (config.kind !== 'fashion-mnist' && config.kind !== 'mnist') {
    throw new DatasetLoadError(`dataset kind '${config.kind}' is not an image dataset`);
  }
  const source = idxDatasetSources[config.kind];
  const location = await findIdxFiles(source, dataDir, options.bundledDataDir);
  if ('notFound' in location) throw new DatasetLoadError(location.notFound);
  const { files } = location;
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    [files.trainImages, files.trainLabels, files.testImages, files.testLabels].map(async (file) => parseIdx(await readDataFile(file), file)),
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
