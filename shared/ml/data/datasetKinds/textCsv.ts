import { z } from 'zod';
import { dataPath, testFraction, testLimit, trainLimit, wordPieceVocabFile, bertVocabulary, bertVocabularyAssumed } from '../../../config/datasetFields.js';
import { described } from '../../../config/fieldDescriptions.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

export const textCsv = defineDatasetKind({
  schema: z.strictObject({
    kind: z.literal('text-csv'),
    /** A CSV file (label,title,text as AG News; label 1..K) or a folder with train.csv and test.csv. */
    path: dataPath('A CSV file (label,title,text as AG News; label 1..K) or a folder with train.csv and test.csv.'),
    /** Vocabulary size, including the padding and unknown tokens. */
    vocabSize: described(z.number().int().min(3).max(1_000_000), { label: 'Vocabulary size', help: 'Including the padding and unknown tokens.' }).default(20_000),
    /** Tokens per sample: longer texts are cut, shorter ones padded. */
    maxLength: described(z.number().int().min(1).max(4096), { label: 'Tokens per sample', help: 'Longer texts are cut, shorter ones padded.' }).default(64),
    lowercase: described(z.boolean(), { label: 'Lowercase', help: 'Lowercase the text before tokenizing.' }).default(true),
    vocabFile: wordPieceVocabFile(),
    testFraction: testFraction(0.1),
    trainLimit: trainLimit(),
    testLimit: testLimit(),
  }),
  title: 'Text classification (CSV)',
  description: 'AG News layout: label,title,text.',
  samples: 'text',
  modelInputs: (config) => ({
    inputShape: [config.maxLength],
    classes: 4,
    options: { task: 'classification', vocabSize: config.vocabFile ? bertVocabulary : config.vocabSize },
    assumptions: ['4 classes assumed (AG News; the CSV decides)', ...(config.vocabFile ? [bertVocabularyAssumed] : [])],
  }),
});
