import type { DatasetInfo } from '../../shared/api/contract.js';
import { allDatasetKindData } from './datasetKindDataRegistry.js';

/** Every dataset the app can train on, with where it was found (or why it is unavailable), in menu order. */
export async function listDatasets(dataDir: string, options: { bundledDataDir?: string } = {}): Promise<DatasetInfo[]> {
  return Promise.all(allDatasetKindData().map((data) => data.list({ dataDir, bundledDataDir: options.bundledDataDir })));
}
