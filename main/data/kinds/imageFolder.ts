import { datasetKindDefinition } from '../../../shared/ml/data/datasetKindRegistry.js';
import { loadImageFolder, scanImageFolder } from '../loadImageFolder.js';
import { resolveDataPath } from '../resolveDataPath.js';
import { defineDatasetKindData, scannedInspection } from './datasetKindData.js';

/** A folder of PNG/JPEG images, one sub-folder per class (or train/ and test/ holding them). */
export const imageFolderData = defineDatasetKindData({
  kind: 'image-folder',
  load: async (config, where) => ({ type: 'image', data: await loadImageFolder(config, where.dataDir) }),
  // Only scanned, not decoded.
  inspect: async (config, where) => {
    const root = resolveDataPath(where.dataDir, config.path);
    return scannedInspection(root, await scanImageFolder(root, config.testFraction), config);
  },
  list: async () => ({
    kind: 'image-folder',
    title: datasetKindDefinition('image-folder').title,
    available: true,
    source: 'a folder you choose: one sub-folder of PNG/JPEG images per class (or train/ and test/ holding them)',
    trainCount: 0,
    testCount: 0,
    classes: [],
  }),
});
