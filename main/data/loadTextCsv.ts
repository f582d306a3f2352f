import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { TextCsvDatasetConfig } from '../../shared/config/datasetConfig.js';
import type { TextClassificationDataset } from '../../shared/ml/data/datasetTypes.js';
import { createRandom, shuffledIndices } from '../../shared/ml/random.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { encodeTexts } from './encodeTexts.js';
import { pathKind, resolveDataPath } from './resolveDataPath.js';

interface CsvSample {
  label: number;
  text: string;
}

/** Fixed seed of the held-out split (the same split for every run). */
const splitSeed = 0;

/**
 * Reads an AG News style CSV: label, then one or more text columns (title, description) joined by a
 * space. No header, or a header whose first cell is not a number (it is skipped).
 */
export async function readLabeledCsv(file: string): Promise<CsvSample[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DatasetLoadError(`${file}: cannot be read (${(error as Error).message})`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    throw new DatasetLoadError(`${file}: not valid CSV (${(error as Error).message})`);
  }
  const samples: CsvSample[] = [];
  rows.forEach((row, i) => {
    const first = row[0]?.trim() ?? '';
    if (i === 0 && !/^-?\d+$/.test(first)) return; // header
    if (!/^\d+$/.test(first)) throw new DatasetLoadError(`${file}: row ${i + 1}: label '${first.slice(0, 40)}' is not a non-negative integer`);
    if (row.length < 2) throw new DatasetLoadError(`${file}: row ${i + 1}: needs a label and at least one text column`);
    samples.push({ label: Number(first), text: row.slice(1).join(' ') });
  });
  if (samples.length === 0) throw new DatasetLoadError(`${file}: no rows`);
  return samples;
}

async function classNames(dir: string, labelCount: number): Promise<string[] | undefined> {
  try {
    const names = (await readFile(path.join(dir, 'classes.txt'), 'utf8'))
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    return names.length === labelCount ? names : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Text classification from CSV (AG News layout: label,title,text with labels 1..K, or 0..K-1):
 * a file (held-out split of `testFraction`) or a folder with train.csv and test.csv (and optionally
 * classes.txt, one name per line). Word tokens with a vocabulary from the training split only, or
 * BERT's WordPiece with a vocabulary file.
 */
export async function loadTextCsv(config: TextCsvDatasetConfig, dataDir: string): Promise<TextClassificationDataset> {
  const target = resolveDataPath(dataDir, config.path);
  const kind = await pathKind(target);
  if (kind === 'missing') throw new DatasetLoadError(`text CSV ${target} does not exist`);
  let train: CsvSample[];
  let test: CsvSample[];
  let dir: string;
  if (kind === 'dir') {
    dir = target;
    const trainFile = path.join(dir, 'train.csv');
    const testFile = path.join(dir, 'test.csv');
    if ((await pathKind(trainFile)) !== 'file') throw new DatasetLoadError(`text CSV folder ${dir} lacks train.csv`);
    train = await readLabeledCsv(trainFile);
    if ((await pathKind(testFile)) === 'file') test = await readLabeledCsv(testFile);
    else [train, test] = holdOut(train, config.testFraction);
  } else {
    dir = path.dirname(target);
    [train, test] = holdOut(await readLabeledCsv(target), config.testFraction);
  }
  if (config.trainLimit > 0) train = train.slice(0, config.trainLimit);
  if (config.testLimit > 0) test = test.slice(0, config.testLimit);

  const all = [...train, ...test];
  const labelBase = Math.min(...all.map((s) => s.label)) === 0 ? 0 : 1;
  const labelCount = Math.max(...all.map((s) => s.label)) - labelBase + 1;
  const zeroBased = (samples: CsvSample[]) => samples.map((s) => ({ label: s.label - labelBase, text: s.text }));
  const encoded = await encodeTexts(zeroBased(train), zeroBased(test), config, dataDir);
  const classes = (await classNames(dir, labelCount)) ?? Array.from({ length: labelCount }, (_, i) => String(i + labelBase));
  return { name: `Text CSV ${target}`, classes, maxLength: config.maxLength, ...encoded };
}

/** A seeded split: `fraction` of the samples (shuffled with a fixed seed) become the test split. */
function holdOut(samples: CsvSample[], fraction: number): [CsvSample[], CsvSample[]] {
  const order = shuffledIndices(samples.length, createRandom(splitSeed));
  const testCount = Math.round(samples.length * fraction);
  const test: CsvSample[] = [];
  const train: CsvSample[] = [];
  order.forEach((index, i) => (i < testCount ? test : train).push(samples[index]));
  return [train, test];
}
