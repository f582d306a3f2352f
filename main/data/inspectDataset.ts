import type { DatasetInfo } from '../../shared/api/contract.js';
import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import { datasetKindDefinition } from '../../shared/ml/data/datasetKindRegistry.js';
import { datasetKindData } from './datasetKindDataRegistry.js';

/**
 * What one dataset config would load, for a form to show before a run starts: counts and classes,
 * or (available: false) the loader's own message about what is missing or wrong (each kind's
 * `inspect`, main/data/kinds/).
 */
export async function inspectDataset(config: DatasetConfig, dataDir: string, options: { bundledDataDir?: string } = {}): Promise<DatasetInfo> {
  const base = { kind: config.kind, title: datasetKindDefinition(config.kind).title };
  try {
    const found = await datasetKindData(config.kind).inspect(config as never, { dataDir, bundledDataDir: options.bundledDataDir });
    return { ...base, ...found, available: true };
  } catch (error) {
    return { ...base, available: false, source: error instanceof Error ? error.message : String(error), trainCount: 0, testCount: 0, classes: [] };
  }
}
