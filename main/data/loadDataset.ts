import { isImageDatasetConfig, type DatasetConfig } from '../../shared/config/datasetConfig.js';
import type { LoadedDataset } from '../../shared/ml/data/datasetTypes.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { loadImageDataset, type LoadOptions } from './loadImageDataset.js';
import { loadCola } from './loadCola.js';
import { loadLanguageModel } from './loadLanguageModel.js';
import { loadTextCsv } from './loadTextCsv.js';

/** Loads any non-surface dataset, tagged by how it is trained (image, text classification, language model). */
export async function loadDataset(config: DatasetConfig, dataDir: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  if (isImageDatasetConfig(config)) return { type: 'image', data: await loadImageDataset(config, dataDir, options) };
  switch (config.kind) {
    case 'text-csv':
      return { type: 'text', data: await loadTextCsv(config, dataDir) };
    case 'cola':
      return { type: 'text', data: await loadCola(config, dataDir) };
    case 'text-lm':
      return { type: 'language-model', data: await loadLanguageModel(config, dataDir) };
    default:
      throw new DatasetLoadError(`dataset kind '${config.kind}' has no data to load`);
  }
}
