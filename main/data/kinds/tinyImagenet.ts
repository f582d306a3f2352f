import { datasetKindDefinition } from '../../../shared/ml/data/datasetKindRegistry.js';
import { loadTinyImagenet, scanTinyImagenet } from '../loadTinyImagenet.js';
import { resolveDataPath } from '../resolveDataPath.js';
import { defineDatasetKindData } from './datasetKindData.js';

/** Tiny ImageNet in its standard tiny-imagenet-200/ layout (wnids.txt, train/, val/). */
export const tinyImagenetData = defineDatasetKindData({
  kind: 'tiny-imagenet',
  load: async (config, where) => ({ type: 'image', data: await loadTinyImagenet(config, where.dataDir) }),
  // Only scanned, not decoded.
  inspect: async (config, where) => {
    const root = resolveDataPath(where.dataDir, config.path);
    const scan = await scanTinyImagenet(root, config.classLimit);
    const limit = (n: number, l: number) => (l > 0 ? Math.min(n, l) : n);
    return { source: root, trainCount: limit(scan.train.length, config.trainLimit), testCount: limit(scan.test.length, config.testLimit), classes: scan.classes };
  },
  list: async () => ({
    kind: 'tiny-imagenet',
    title: datasetKindDefinition('tiny-imagenet').title,
    available: true,
    source: 'its tiny-imagenet-200 folder (wnids.txt, train/, val/), in the data folder or a path you choose',
    trainCount: 0,
    testCount: 0,
    classes: [],
  }),
});
