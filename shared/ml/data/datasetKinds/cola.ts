import { z } from 'zod';
import { bertVocabulary, bertVocabularyAssumed, dataPath, testLimit, trainLimit, wordPieceVocabFile } from '../../../config/datasetFields.js';
import { described } from '../../../config/fieldDescriptions.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

/** CoLA's development sets: the in-domain one, the out-of-domain one, or both (GLUE's dev set). */
export const colaDevSets = ['in-domain', 'out-of-domain', 'both'] as const;

export const cola = defineDatasetKind({
  schema: z.strictObject({
    kind: z.literal('cola'),
    path: dataPath('The CoLA folder (cola_public, its raw/ folder, or GLUE’s CoLA with train.tsv and dev.tsv).'),
    /** Which labelled development set is the test split (CoLA's own test set has no public labels). */
    testSet: described(z.enum(colaDevSets), { label: 'Test split', help: 'The development set tested on: in-domain, out-of-domain or both (GLUE’s dev).' }).default('both'),
    vocabFile: wordPieceVocabFile(),
    vocabSize: described(z.number().int().min(3).max(1_000_000), { label: 'Vocabulary size', help: 'Without a WordPiece file: words kept, with padding and unknown.' }).default(10_000),
    maxLength: described(z.number().int().min(2).max(4096), { label: 'Tokens per sample', help: 'Longer sentences are cut, shorter ones padded (BERT: with [CLS] and [SEP]).' }).default(64),
    lowercase: described(z.boolean(), { label: 'Lowercase', help: 'Lowercase (and, for WordPiece, strip accents) before tokenizing: uncased BERT.' }).default(true),
    trainLimit: trainLimit(),
    testLimit: testLimit(),
  }),
  title: 'CoLA (acceptability)',
  description: 'Corpus of Linguistic Acceptability: TSV files of source, label, original label, sentence; 0 unacceptable, 1 acceptable.',
  samples: 'text',
  // GLUE scores CoLA by Matthews correlation: its classes are unbalanced (about 70 % acceptable).
  benchmarkMetrics: ['mcc'],
  modelInputs: (config) => ({
    inputShape: [config.maxLength],
    classes: 2,
    options: { task: 'classification', vocabSize: config.vocabFile ? bertVocabulary : config.vocabSize },
    assumptions: config.vocabFile ? [bertVocabularyAssumed] : [],
  }),
});
