import { datasetKindDefinition } from '../../../shared/ml/data/datasetKindRegistry.js';
import { loadCola } from '../loadCola.js';
import { defineDatasetKindData } from './datasetKindData.js';

/** CoLA's TSV files (cola_public or GLUE's layout), read in full. */
export const colaData = defineDatasetKindData({
  kind: 'cola',
  load: async (config, where) => ({ type: 'text', data: await loadCola(config, where.dataDir) }),
  inspect: async (config, where) => {
    const data = await loadCola(config, where.dataDir);
    return { source: data.name, trainCount: data.train.count, testCount: data.test.count, classes: data.classes };
  },
  list: async () => ({
    kind: 'cola',
    title: datasetKindDefinition('cola').title,
    available: true,
    source: 'the CoLA folder you choose (cola_public with in_domain_train.tsv, in_domain_dev.tsv, out_of_domain_dev.tsv, or GLUE’s train.tsv and dev.tsv)',
    trainCount: 0,
    testCount: 0,
    classes: [],
  }),
});
