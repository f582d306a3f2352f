import { datasetKindDefinition } from '../../../shared/ml/data/datasetKindRegistry.js';
import { loadTextCsv } from '../loadTextCsv.js';
import { defineDatasetKindData } from './datasetKindData.js';

/** Labelled texts in CSV (label,title,text as AG News), read in full. */
export const textCsvData = defineDatasetKindData({
  kind: 'text-csv',
  load: async (config, where) => ({ type: 'text', data: await loadTextCsv(config, where.dataDir) }),
  inspect: async (config, where) => {
    const data = await loadTextCsv(config, where.dataDir);
    return { source: data.name, trainCount: data.train.count, testCount: data.test.count, classes: data.classes };
  },
  list: async () => ({
    kind: 'text-csv',
    title: datasetKindDefinition('text-csv').title,
    available: true,
    source: 'a CSV file you choose (label,title,text as AG News) or a folder with train.csv and test.csv',
    trainCount: 0,
    testCount: 0,
    classes: [],
  }),
});
