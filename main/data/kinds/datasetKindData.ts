import type { DatasetInfo } from '../../../shared/api/contract.js';
import type { DatasetConfig, DatasetKind } from '../../../shared/config/datasetConfig.js';
import type { LoadedDataset } from '../../../shared/ml/data/datasetTypes.js';
import type { PublicDataset } from '../download/publicDatasets.js';

/** Where a dataset's files may be: the app's data folder, and the bundled subsets' folder. */
export interface DataLocations {
  dataDir: string;
  /** Where the bundled subsets are (the repository's `data/` folder by default). */
  bundledDataDir?: string;
}

/** Counts and classes a config would load (the title and kind come from the shared half). */
export type DatasetInspection = Pick<DatasetInfo, 'source' | 'trainCount' | 'testCount' | 'classes'> & { title?: string };

/**
 * The main half of a dataset kind (the shared half is `shared/ml/data/datasetKinds/<kind>.ts`): how
 * its data is loaded, inspected and listed on the Data page, and, for public data, downloaded or
 * imported from a folder. `datasetKindDataRegistry.ts` lists one per kind of the shared registry
 * (the compiler refuses a kind without one); loading, inspection, the Data page's list, downloads
 * and imports derive from it.
 */
export interface DatasetKindData<K extends DatasetKind = DatasetKind> {
  kind: K;
  /** Loads a config's data (train and test limits applied), tagged by how it is trained; absent when there is none to load (surfaces). */
  load?(config: Extract<DatasetConfig, { kind: K }>, where: DataLocations): Promise<LoadedDataset>;
  /** What a config would load: counts and classes; throws the loader's own message when it cannot. */
  inspect(config: Extract<DatasetConfig, { kind: K }>, where: DataLocations): Promise<DatasetInspection>;
  /** The Data page's card before any config is chosen: where the data was found, or why it is unavailable. */
  list(where: DataLocations): Promise<DatasetInfo>;
  /** Training samples the Data page loads to show `count` of them (a language model needs a stretch of text). */
  sampleTrainLimit?(count: number): number;
  /** The published files and their checksums, when the app can download the dataset. */
  download?: PublicDataset;
  /** The dataset's files found in a folder and the data-folder sub-folder they belong in, when it can be imported. */
  findImportFiles?(from: string): Promise<{ folder: string; files: string[] }>;
}

/** What a scanned dataset would load: its counts within the config's limits (0: no limit) and its classes. */
export function scannedInspection(
  source: string,
  scan: { train: readonly unknown[]; test: readonly unknown[]; classes: string[] },
  limits: { trainLimit: number; testLimit: number },
): DatasetInspection {
  const within = (count: number, limit: number) => (limit > 0 ? Math.min(count, limit) : count);
  return { source, trainCount: within(scan.train.length, limits.trainLimit), testCount: within(scan.test.length, limits.testLimit), classes: scan.classes };
}

/** Checks a definition's types and keeps its kind's exact type. */
export function defineDatasetKindData<K extends DatasetKind>(data: DatasetKindData<K>): DatasetKindData<K> {
  return data;
}
