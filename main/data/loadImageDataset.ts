import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import type { ImageDataset } from '../../shared/ml/data/datasetTypes.js';
import { idxImageSplit } from '../../shared/ml/data/idx.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { findIdxFiles } from './findIdxFiles.js';
import { loadCifar } from './loadCifar.js';
import { loadImageFolder } from './loadImageFolder.js';
import { idxDatasetSources } from './idxDatasetSources.js';
import { readIdxFile } from './readIdxFile.js';

export interface LoadOptions {
  /** Where the bundled subsets are (the repository's `data/` folder by default). */
  bundledDataDir?: string;
}

export { DatasetLoadError };

/**
 * Loads an image classification dataset into memory (images in [0, 1], channels last), applying the
 * config's trainLimit/testLimit: MNIST/Fashion-MNIST (IDX), CIFAR-10/100 (binary batches) or an image
 * folder. Augmentation is not applied here (it is per batch, see shared/ml/data/augment.ts).
 */
export async function loadImageDataset(config: DatasetConfig, dataDir: string, options: LoadOptions = {}): Promise<ImageDataset> {
  switch (config.kind) {
    case 'fashion-mnist':
    case 'mnist':
      return loadIdxDataset(config, dataDir, options);
    case 'cifar10':
    case 'cifar100':
      return loadCifar(config, dataDir);
    case 'image-folder':
      return loadImageFolder(config, dataDir);
    default:
      throw new DatasetLoadError(`dataset kind '${config.kind}' is not an image dataset`);
  }
}

/**
 * MNIST/Fashion-MNIST from IDX files, searched in the app's data folder, then system copies, then
 * the bundled subset (see `findIdxFiles`).
 */
async function loadIdxDataset(
  config: Extract<DatasetConfig, { kind: 'fashion-mnist' | 'mnist' }>,
  dataDir: string,
  options: LoadOptions,
): Promise<ImageDataset> {
  const source = idxDatasetSources[config.kind];
  const location = await findIdxFiles(source, dataDir, options.bundledDataDir);
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
