import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import type { ImageDataset } from '../../shared/ml/data/datasetTypes.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { loadDataset, type LoadOptions } from './loadDataset.js';

export type { LoadOptions };
export { DatasetLoadError };

/**
 * Loads an image classification dataset into memory (images in [0, 1], channels last), applying the
 * config's trainLimit/testLimit; refuses a config whose samples are not images.
 */
export async function loadImageDataset(config: DatasetConfig, dataDir: string, options: LoadOptions = {}): Promise<ImageDataset> {
  const loaded = await loadDataset(config, dataDir, options);
  if (loaded.type !== 'image') throw new DatasetLoadError(`dataset kind '${config.kind}' is not an image dataset`);
  return loaded.data;
}
