import type { DatasetInfo } from '../../shared/api/contract.js';
import type { DatasetConfig } from '../../shared/config/datasetConfig.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { listDatasets } from './listDatasets.js';
import { loadCifar } from './loadCifar.js';
import { loadCola } from './loadCola.js';
import { loadLanguageModel } from './loadLanguageModel.js';
import { loadTextCsv } from './loadTextCsv.js';
import { scanImageFolder } from './loadImageFolder.js';
import { resolveDataPath } from './resolveDataPath.js';

const titles: Record<DatasetConfig['kind'], string> = {
  'fashion-mnist': 'Fashion-MNIST',
  mnist: 'MNIST',
  surface: 'Toy surface',
  cifar10: 'CIFAR-10',
  cifar100: 'CIFAR-100',
  'image-folder': 'Image folder',
  'text-csv': 'Text classification (CSV)',
  cola: 'CoLA (acceptability)',
  'text-lm': 'Language modeling (text)',
};

/**
 * What one dataset config would load, for a form to show before a run starts: counts and classes,
 * or (available: false) the loader's own message about what is missing or wrong. Image folders are
 * only scanned (not decoded); text and CIFAR files are read in full.
 */
export async function inspectDataset(config: DatasetConfig, dataDir: string, options: { bundledDataDir?: string } = {}): Promise<DatasetInfo> {
  const base = { kind: config.kind, title: titles[config.kind] };
  try {
    switch (config.kind) {
      case 'fashion-mnist':
      case 'mnist':
      case 'surface': {
        const listed = (await listDatasets(dataDir, options)).find((d) => d.kind === config.kind);
        if (!listed) throw new DatasetLoadError(`unknown dataset ${config.kind}`);
        return listed;
      }
      case 'cifar10':
      case 'cifar100': {
        const data = await loadCifar(config, dataDir);
        return { ...base, available: true, source: data.name, trainCount: data.train.count, testCount: data.test.count, classes: data.classes };
      }
      case 'image-folder': {
        const root = resolveDataPath(dataDir, config.path);
        const scan = await scanImageFolder(root, config.testFraction);
        const limit = (n: number, l: number) => (l > 0 ? Math.min(n, l) : n);
        return {
          ...base,
          available: true,
          source: root,
          trainCount: limit(scan.train.length, config.trainLimit),
          testCount: limit(scan.test.length, config.testLimit),
          classes: scan.classes,
        };
      }
      case 'text-csv':
      case 'cola': {
        const data = config.kind === 'cola' ? await loadCola(config, dataDir) : await loadTextCsv(config, dataDir);
        return { ...base, available: true, source: data.name, trainCount: data.train.count, testCount: data.test.count, classes: data.classes };
      }
      case 'text-lm': {
        const data = await loadLanguageModel(config, dataDir);
        return {
          ...base,
          title: `${base.title}, ${data.vocabulary.length} tokens in the vocabulary`,
          available: true,
          source: data.name,
          trainCount: data.train.length,
          testCount: data.test.length,
          classes: [],
        };
      }
    }
  } catch (error) {
    return { ...base, available: false, source: error instanceof Error ? error.message : String(error), trainCount: 0, testCount: 0, classes: [] };
  }
}
