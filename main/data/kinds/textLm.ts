import { datasetKindDefinition } from '../../../shared/ml/data/datasetKindRegistry.js';
import { loadLanguageModel } from '../loadLanguageModel.js';
import { defineDatasetKindData } from './datasetKindData.js';

/** A text corpus for language modeling (PTB layout or one text file), read in full. */
export const textLmData = defineDatasetKindData({
  kind: 'text-lm',
  load: async (config, where) => ({ type: 'language-model', data: await loadLanguageModel(config, where.dataDir) }),
  inspect: async (config, where) => {
    const data = await loadLanguageModel(config, where.dataDir);
    return {
      title: `${datasetKindDefinition('text-lm').title}, ${data.vocabulary.length} tokens in the vocabulary`,
      source: data.name,
      trainCount: data.train.length,
      testCount: data.test.length,
      classes: [],
    };
  },
  list: async () => ({
    kind: 'text-lm',
    title: datasetKindDefinition('text-lm').title,
    available: true,
    source: 'a folder you choose in PTB layout (ptb.train.txt, ptb.valid.txt, ptb.test.txt) or one text file',
    trainCount: 0,
    testCount: 0,
    classes: [],
  }),
  // A stretch of text long enough to show a few lines.
  sampleTrainLimit: () => 4000,
});
