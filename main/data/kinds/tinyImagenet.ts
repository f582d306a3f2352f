import { datasetKindDefinition } from '../../../shared/ml/data/datasetKindRegistry.js';
import { loadTinyImagenet, scanTinyImagenet } from '../loadTinyImagenet.js';
import { resolveDataPath } from '../resolveDataPath.js';
import { defineDatasetKindData, scannedInspection } from './datasetKindData.js';

/** Tiny ImageNet in its standard tiny-imagenet-200/ layout (wnids.txt, train/, val/). */
export const tinyImagenetData = defineDatasetKindData({
  kind: 'tiny-imagenet',
  load: async (config, where) => ({ type: 'image', data: await loadTinyImagenet(config, where.dataDir) }),
  // Only scanned, not decoded.
  inspect: async (config, where) => {
    const root = resolveDataPath(where.dataDir, config.path);
    return scannedInspection(root, await scanTinyImagenet(root, config.classLimit), config);
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
