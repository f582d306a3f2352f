import { readFile } from 'node:fs/promises';
import type { TokenSplit } from '../../shared/ml/data/datasetTypes.js';
import { buildVocabulary, encodeFixedLength, tokenizeWords } from '../../shared/ml/data/tokenizer.js';
import { encodeWordPiece, parseWordPieceVocabulary, type WordPieceVocabulary } from '../../shared/ml/data/wordPiece.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { resolveDataPath } from './resolveDataPath.js';

/** One labelled text; `label` counts from 0. */
export interface LabeledText {
  label: number;
  text: string;
}

export interface TextEncoding {
  /** A WordPiece vocabulary file (BERT's vocab.txt); word tokens with a vocabulary from the training texts otherwise. */
  vocabFile?: string;
  vocabSize: number;
  lowercase: boolean;
  maxLength: number;
}

/** Reads and checks a WordPiece vocabulary file; a bad or missing file is a DatasetLoadError naming it. */
export async function readWordPieceVocabulary(dataDir: string, vocabFile: string): Promise<WordPieceVocabulary> {
  const file = resolveDataPath(dataDir, vocabFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DatasetLoadError(`WordPiece vocabulary ${file} cannot be read (${(error as Error).message})`);
  }
  try {
    return parseWordPieceVocabulary(text);
  } catch (error) {
    throw new DatasetLoadError(`WordPiece vocabulary ${file}: ${(error as Error).message}`);
  }
}

/**
 * Token ids [count, maxLength] of the training and test texts (0 = padding): BERT's WordPiece
 * ([CLS] … [SEP]) with the file's vocabulary, or words with the `vocabSize` most frequent words
 * of the training texts.
 */
export async function encodeTexts(train: LabeledText[], test: LabeledText[], encoding: TextEncoding, dataDir: string): Promise<{ vocabulary: string[]; train: TokenSplit; test: TokenSplit }> {
  const split = (samples: LabeledText[], write: (sample: LabeledText, i: number, out: Int32Array) => void): TokenSplit => {
    const tokens = new Int32Array(samples.length * encoding.maxLength);
    samples.forEach((sample, i) => write(sample, i, tokens));
    return { tokens, labels: Int32Array.from(samples, (s) => s.label), count: samples.length };
  };
  if (encoding.vocabFile) {
    const vocabulary = await readWordPieceVocabulary(dataDir, encoding.vocabFile);
    const write = (s: LabeledText, i: number, out: Int32Array) => encodeWordPiece(s.text, vocabulary, encoding.lowercase, encoding.maxLength, out, i * encoding.maxLength);
    return { vocabulary: vocabulary.tokens, train: split(train, write), test: split(test, write) };
  }
  const trainTokens = train.map((s) => tokenizeWords(s.text, encoding.lowercase));
  const testTokens = test.map((s) => tokenizeWords(s.text, encoding.lowercase));
  const vocabulary = buildVocabulary(trainTokens, encoding.vocabSize);
  const words = (tokens: string[][]) => (_: LabeledText, i: number, out: Int32Array) => encodeFixedLength(tokens[i], vocabulary, encoding.maxLength, out, i * encoding.maxLength);
  return { vocabulary: vocabulary.tokens, train: split(train, words(trainTokens)), test: split(test, words(testTokens)) };
}
