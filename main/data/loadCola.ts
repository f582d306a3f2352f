import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ColaDatasetConfig } from '../../shared/config/datasetConfig.js';
import type { TextClassificationDataset } from '../../shared/ml/data/datasetTypes.js';
import { DatasetLoadError } from './datasetLoadError.js';
import { encodeTexts, type LabeledText } from './encodeTexts.js';
import { pathKind, resolveDataPath } from './resolveDataPath.js';

/** Label 0 and 1, as CoLA's second column. */
export const colaClasses = ['unacceptable', 'acceptable'];

/**
 * Reads one CoLA TSV: source, label (0/1), original label (the author's mark, often empty), sentence;
 * no header, no quoting (sentences keep their quotes).
 */
export async function readColaTsv(file: string): Promise<LabeledText[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DatasetLoadError(`${file}: cannot be read (${(error as Error).message})`);
  }
  const rows = parse(text, { delimiter: '\t', quote: false, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  const samples = rows.map((row, i) => {
    if (row.length < 4) throw new DatasetLoadError(`${file}: line ${i + 1}: needs 4 tab-separated columns (source, label, original label, sentence), found ${row.length}`);
    const label = row[1].trim();
    if (label !== '0' && label !== '1') throw new DatasetLoadError(`${file}: line ${i + 1}: label '${label.slice(0, 20)}' is not 0 or 1`);
    return { label: Number(label), text: row.slice(3).join('\t') };
  });
  if (samples.length === 0) throw new DatasetLoadError(`${file}: no sentences`);
  return samples;
}

/** The files of a CoLA folder: cola_public's raw/ (or that folder itself), or GLUE's CoLA. */
async function colaFiles(root: string, testSet: ColaDatasetConfig['testSet']): Promise<{ train: string; test: string[] }> {
  const isFile = async (file: string) => (await pathKind(file)) === 'file';
  for (const dir of [root, path.join(root, 'raw')]) {
    const train = path.join(dir, 'in_domain_train.tsv');
    if (!(await isFile(train))) continue;
    const dev = { 'in-domain': ['in_domain_dev.tsv'], 'out-of-domain': ['out_of_domain_dev.tsv'], both: ['in_domain_dev.tsv', 'out_of_domain_dev.tsv'] }[testSet].map((f) => path.join(dir, f));
    for (const file of dev) if (!(await isFile(file))) throw new DatasetLoadError(`CoLA folder ${dir} lacks ${path.basename(file)}`);
    return { train, test: dev };
  }
  const [train, dev] = ['train.tsv', 'dev.tsv'].map((f) => path.join(root, f));
  if ((await isFile(train)) && (await isFile(dev))) {
    if (testSet !== 'both') throw new DatasetLoadError(`GLUE's CoLA (${root}) has one dev.tsv with both domains: choose the test split 'both'`);
    return { train, test: [dev] };
  }
  throw new DatasetLoadError(`CoLA folder ${root} has neither in_domain_train.tsv (cola_public, or its raw/) nor train.tsv and dev.tsv (GLUE)`);
}

/**
 * CoLA (Warstadt et al. 2019): the training sentences, and a labelled development set as the test
 * split (CoLA's test labels are not public). Word tokens, or BERT's WordPiece with a vocabulary file.
 */
export async function loadCola(config: ColaDatasetConfig, dataDir: string): Promise<TextClassificationDataset> {
  const root = resolveDataPath(dataDir, config.path);
  if ((await pathKind(root)) !== 'dir') throw new DatasetLoadError(`CoLA folder ${root} does not exist`);
  const files = await colaFiles(root, config.testSet);
  let train = await readColaTsv(files.train);
  let test = (await Promise.all(files.test.map(readColaTsv))).flat();
  if (config.trainLimit > 0) train = train.slice(0, config.trainLimit);
  if (config.testLimit > 0) test = test.slice(0, config.testLimit);
  const encoded = await encodeTexts(train, test, config, dataDir);
  return { name: `CoLA ${root}`, classes: colaClasses, maxLength: config.maxLength, ...encoded };
}
