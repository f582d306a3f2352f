import { z } from 'zod';
import { dataPath, testLimit, trainLimit } from '../../../config/datasetFields.js';
import { described } from '../../../config/fieldDescriptions.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

export const textLm = defineDatasetKind({
  schema: z.strictObject({
    kind: z.literal('text-lm'),
    /** A folder with ptb.train.txt, ptb.valid.txt, ptb.test.txt (or train.txt, valid.txt, test.txt), or one text file (split 90/5/5). */
    path: dataPath('A folder with ptb.train/valid/test.txt (or train/valid/test.txt), or one text file (split 90/5/5).'),
    level: described(z.enum(['word', 'char']), { label: 'Tokens', help: 'Words or characters.' }).default('word'),
    /** Tokens per training sequence (truncated backpropagation through time). */
    seqLength: described(z.number().int().min(2).max(2048), { label: 'Sequence length', help: 'Tokens per training sequence (truncated backpropagation through time).' }).default(35),
    /** Use only the first N training tokens (0 = all). */
    trainLimit: trainLimit('Use only the first N training tokens (0: all).'),
    /** Use only the first N validation and test tokens (0 = all). */
    testLimit: testLimit('Use only the first N validation and test tokens (0: all).'),
  }),
  title: 'Language modeling (text)',
  description: 'PTB layout or one text file.',
  samples: 'token-stream',
  modelInputs: (config) => {
    const vocabulary = config.level === 'word' ? 10_000 : 50;
    return {
      inputShape: [config.seqLength],
      classes: vocabulary,
      options: { task: 'language-model' },
      assumptions: [`a vocabulary of ${vocabulary} ${config.level === 'word' ? 'words' : 'characters'} assumed (the corpus decides)`],
    };
  },
});
