import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import type { LoadedDataset } from '../../shared/ml/data/datasetTypes.js';
import { datasetKindDefinition } from '../../shared/ml/data/datasetKindRegistry.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { datasetKindData } from './datasetKindDataRegistry.js';

export interface LoadOptions {
  /** Where the bundled subsets are (the repository's `data/` folder by default). */
  bundledDataDir?: string;
}

/**
 * Loads a dataset config's data into memory, tagged by how it is trained (image, text classification,
 * language model), with the loader of its kind (`main/data/kinds/`). Augmentation is not applied here
 * (it is per batch, see shared/ml/data/augment.ts).
 */
export async function loadDataset(config: DatasetConfig, dataDir: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  const data = datasetKindData(config.kind);
  if (!data.load) throw new DatasetLoadError(`dataset kind '${config.kind}' (${datasetKindDefinition(config.kind).title}) has no data to load`);
  return data.load(config as never, { dataDir, bundledDataDir: options.bundledDataDir });
}
