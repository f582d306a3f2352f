import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetInfo } from '../../../shared/api/contract.js';
import { cifarRecordCount } from '../../../shared/ml/data/cifar.js';
import { DatasetLoadError } from '../datasetLoadError.js';
import type { PublicDataset } from '../download/publicDatasets.js';
import { cifarVariant, findCifarDir, loadCifar } from '../loadCifar.js';
import { defineDatasetKindData, type DataLocations, type DatasetKindData } from './datasetKindData.js';

type CifarKind = 'cifar10' | 'cifar100';

/**
 * The main half of a CIFAR dataset: its binary batches (`loadCifar.ts`, the variant's file names and
 * layout) in the config's path or the data folder; downloads of the published archive, imports of a
 * folder holding the batches.
 */
export function cifarDatasetKind<K extends CifarKind>(kind: K, listedClasses: string[], download: PublicDataset): DatasetKindData<K> {
  return defineDatasetKindData<K>({
    kind,
    load: async (config, where) => ({ type: 'image', data: await loadCifar(config, where.dataDir) }),
    inspect: async (config, where) => {
      const data = await loadCifar(config, where.dataDir);
      return { source: data.name, trainCount: data.train.count, testCount: data.test.count, classes: data.classes };
    },
    list: (where) => describeCifar(kind, listedClasses, where),
    download,
    findImportFiles: async (from) => {
      const variant = cifarVariant({ kind });
      const names = [...variant.trainFiles, ...variant.testFiles];
      // The files may be in `from` itself or in the archive's top folder inside it.
      for (const dir of [from, ...variant.folders.map((f) => path.join(from, f))]) {
        const present = await Promise.all(names.map((n) => stat(path.join(dir, n)).then((s) => s.isFile(), () => false)));
        if (present.every(Boolean)) return { folder: variant.folders[0], files: names.map((n) => path.join(dir, n)) };
      }
      throw new DatasetLoadError(`${from}: no ${variant.title} files here (needs ${names.join(', ')})`);
    },
  });
}

async function describeCifar(kind: CifarKind, classes: string[], where: DataLocations): Promise<DatasetInfo> {
  const variant = cifarVariant({ kind });
  const base = { kind, title: variant.title, classes };
  const found = await findCifarDir({ kind }, where.dataDir);
  if ('notFound' in found) return { ...base, available: false, source: `${found.notFound} (or give a path)`, trainCount: 0, testCount: 0 };
  try {
    const count = async (files: string[]) => {
      let n = 0;
      for (const f of files) n += cifarRecordCount((await stat(path.join(found.dir, f))).size, variant.layout, path.join(found.dir, f));
      return n;
    };
    return { ...base, available: true, source: `data folder: ${found.dir}`, trainCount: await count(variant.trainFiles), testCount: await count(variant.testFiles) };
  } catch (error) {
    return { ...base, available: false, source: (error as Error).message, trainCount: 0, testCount: 0 };
  }
}
