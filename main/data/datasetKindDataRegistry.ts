import type { DatasetKind } from '../../shared/config/datasetConfig.js';
import { datasetKindDefinitions } from '../../shared/ml/data/datasetKindRegistry.js';
import { cifar10Data } from './kinds/cifar10.js';
import { cifar100Data } from './kinds/cifar100.js';
import { colaData } from './kinds/cola.js';
import type { DatasetKindData } from './kinds/datasetKindData.js';
import { fashionMnistData } from './kinds/fashionMnist.js';
import { imageFolderData } from './kinds/imageFolder.js';
import { mnistData } from './kinds/mnist.js';
import { surfaceData } from './kinds/surface.js';
import { textCsvData } from './kinds/textCsv.js';
import { textLmData } from './kinds/textLm.js';
import { tinyImagenetData } from './kinds/tinyImagenet.js';

/**
 * The main half of every dataset kind of the shared registry (`shared/ml/data/datasetKindRegistry.ts`),
 * one line each: a kind the shared registry lists and this one does not is a compile error.
 */
const byKind: { [K in DatasetKind]: DatasetKindData<K> } = {
  'fashion-mnist': fashionMnistData,
  mnist: mnistData,
  surface: surfaceData,
  cifar10: cifar10Data,
  cifar100: cifar100Data,
  'image-folder': imageFolderData,
  'tiny-imagenet': tinyImagenetData,
  'text-csv': textCsvData,
  cola: colaData,
  'text-lm': textLmData,
};

/** The main half of a dataset kind. */
export function datasetKindData<K extends DatasetKind>(kind: K): DatasetKindData<K> {
  return byKind[kind] as DatasetKindData<K>;
}

/** Every main half, in the shared registry's (menu) order. */
export function allDatasetKindData(): DatasetKindData[] {
  return datasetKindDefinitions.map((d) => byKind[d.schema.shape.kind.value] as unknown as DatasetKindData);
}

/** Whether `kind` names a dataset kind (of the shared registry). */
export function isDatasetKind(kind: string): kind is DatasetKind {
  return Object.hasOwn(byKind, kind);
}
