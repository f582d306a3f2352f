import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LanguageModelDatasetConfig } from '../../shared/config/datasetConfig.js';
import type { LanguageModelDataset } from '../../shared/ml/data/datasetTypes.js';
import { encodeStream, lmTokens, lmVocabulary } from '../../shared/ml/data/languageModelCorpus.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { pathKind, resolveDataPath } from './resolveDataPath.js';

/** File names tried in a folder, in order: PTB's, then plain ones. */
const splitNames = {
  train: ['ptb.train.txt', 'train.txt'],
  valid: ['ptb.valid.txt', 'valid.txt'],
  test: ['ptb.test.txt', 'test.txt'],
} as const;

async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DatasetLoadError(`${file}: cannot be read (${(error as Error).message})`);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000')) throw new DatasetLoadError(`${file}: contains NUL bytes; not a text file`);
  return text;
}

async function firstExisting(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) if ((await pathKind(path.join(dir, name))) === 'file') return path.join(dir, name);
  return undefined;
}

/**
 * A language-modeling corpus: a folder in PTB layout (ptb.train.txt, ptb.valid.txt, ptb.test.txt, or
 * train.txt, valid.txt, test.txt) or one text file split by lines 90/5/5 (contiguously, in order).
 * Word level adds `<eos>` at each line end; the vocabulary comes from the training text.
 */
export async function loadLanguageModel(config: LanguageModelDatasetConfig, dataDir: string): Promise<LanguageModelDataset> {
  const target = resolveDataPath(dataDir, config.path);
  const kind = await pathKind(target);
  if (kind === 'missing') throw new DatasetLoadError(`language-modeling corpus ${target} does not exist`);
  let texts: { train: string; valid: string; test: string };
  if (kind === 'dir') {
    const files = {
      train: await firstExisting(target, splitNames.train),
      valid: await firstExisting(target, splitNames.valid),
      test: await firstExisting(target, splitNames.test),
    };
    const missing = (Object.keys(files) as Array<keyof typeof files>).filter((k) => !files[k]).map((k) => splitNames[k].join(' or '));
    if (missing.length > 0) throw new DatasetLoadError(`language-modeling folder ${target} lacks ${missing.join(', ')}`);
    texts = { train: await readText(files.train!), valid: await readText(files.valid!), test: await readText(files.test!) };
  } else {
    const lines = (await readText(target)).split(/\r?\n/);
    const a = Math.floor(lines.length * 0.9);
    const b = Math.floor(lines.length * 0.95);
    texts = { train: lines.slice(0, a).join('\n'), valid: lines.slice(a, b).join('\n'), test: lines.slice(b).join('\n') };
  }
  const trainTokens = lmTokens(texts.train, config.level);
  if (trainTokens.length < config.seqLength + 1) {
    throw new DatasetLoadError(`${target}: the training text has ${trainTokens.length} tokens, fewer than one sequence of ${config.seqLength + 1}`);
  }
  const vocabulary = lmVocabulary(trainTokens);
  return {
    name: `${config.level === 'word' ? 'Word' : 'Character'}-level corpus ${target}`,
    level: config.level,
    vocabulary: vocabulary.tokens,
    seqLength: config.seqLength,
    train: encodeStream(trainTokens, vocabulary, config.trainLimit),
    valid: encodeStream(lmTokens(texts.valid, config.level), vocabulary, config.testLimit),
    test: encodeStream(lmTokens(texts.test, config.level), vocabulary, config.testLimit),
  };
}
