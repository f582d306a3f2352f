import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { inspectDataset } from '../../../../main/data/inspectDataset.js';
import { loadDataset } from '../../../../main/data/loadDataset.js';
import { datasetConfigSchema } from '../../../../shared/config/datasetConfig.js';
import type { TextClassificationDataset } from '../../../../shared/ml/data/datasetTypes.js';

const fixtures = path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'data');
let root: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'optlab-cola-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function load(config: Record<string, unknown>, dataDir = fixtures): Promise<TextClassificationDataset> {
  const loaded = await loadDataset(datasetConfigSchema.parse({ kind: 'cola', ...config }), dataDir);
  assert.equal(loaded.type, 'text');
  return loaded.data as TextClassificationDataset;
}

const row = (data: TextClassificationDataset, split: 'train' | 'test', i: number) => Array.from(data[split].tokens.subarray(i * data.maxLength, (i + 1) * data.maxLength));

test('CoLA from cola_public’s raw/ TSVs with a WordPiece vocabulary: BERT’s ids, labels 0/1, both dev sets as the test split', async () => {
  const data = await load({ path: 'cola', vocabFile: 'cola/vocab.txt', maxLength: 10 });
  assert.deepEqual(data.classes, ['unacceptable', 'acceptable']);
  assert.equal(data.train.count, 16);
  assert.equal(data.test.count, 6);
  assert.equal(data.vocabulary.length, 52);
  assert.deepEqual(Array.from(data.train.labels.slice(0, 4)), [1, 0, 1, 0]);
  // "The children played in the garden." → [CLS] the children play ##ed in the garden . [SEP]
  const words = (ids: number[]) => ids.map((id) => data.vocabulary[id]);
  assert.deepEqual(words(row(data, 'train', 0)), ['[CLS]', 'the', 'children', 'play', '##ed', 'in', 'the', 'garden', '.', '[SEP]']);
  // Cut to 10 keeping [SEP]; a quoted phrase keeps its quotes as tokens.
  assert.deepEqual(words(row(data, 'train', 8)), ['[CLS]', 'he', 'said', 'that', '"', 'the', 'door', '"', 'was', '[SEP]']);
  // Padding is [PAD] = 0.
  const short = await load({ path: 'cola', vocabFile: 'cola/vocab.txt', maxLength: 16 });
  assert.deepEqual(words(row(short, 'train', 4).filter((id) => id !== 0)), ['[CLS]', 'the', 'dog', '##s', 'are', 'sleeping', 'near', 'the', 'door', '.', '[SEP]']);
  assert.deepEqual(row(short, 'train', 4).slice(11), [0, 0, 0, 0, 0]);
});

test('CoLA test split: in-domain or out-of-domain dev alone; word tokens without a vocabulary file; limits', async () => {
  assert.equal((await load({ path: 'cola', testSet: 'in-domain' })).test.count, 4);
  const out = await load({ path: 'cola/raw', testSet: 'out-of-domain', vocabFile: 'cola/vocab.txt' });
  assert.equal(out.test.count, 2);
  assert.deepEqual(Array.from(out.test.labels), [1, 0]);
  const words = await load({ path: 'cola', vocabSize: 8, maxLength: 8, trainLimit: 4, testLimit: 3 });
  assert.equal(words.vocabulary.length, 8, 'the most frequent words of the (limited) training split');
  assert.deepEqual(words.vocabulary.slice(0, 3), ['<pad>', '<unk>', 'the']);
  assert.equal(words.train.count, 4);
  assert.equal(words.test.count, 3);
  const info = await inspectDataset(datasetConfigSchema.parse({ kind: 'cola', path: 'cola' }), fixtures);
  assert.deepEqual([info.available, info.trainCount, info.testCount, info.classes], [true, 16, 6, ['unacceptable', 'acceptable']]);
});

test('CoLA in GLUE’s layout (train.tsv, dev.tsv) and clear errors for bad folders, rows and vocabularies', async () => {
  const glue = path.join(root, 'CoLA');
  await cp(path.join(fixtures, 'cola', 'raw'), glue, { recursive: true });
  await cp(path.join(glue, 'in_domain_train.tsv'), path.join(glue, 'train.tsv'));
  await rm(path.join(glue, 'in_domain_train.tsv'));
  await cp(path.join(glue, 'in_domain_dev.tsv'), path.join(glue, 'dev.tsv'));
  assert.equal((await load({ path: glue })).test.count, 4);
  await assert.rejects(load({ path: glue, testSet: 'in-domain' }), /one dev.tsv with both domains/);
  await assert.rejects(load({ path: path.join(root, 'nope') }), /CoLA folder .*nope does not exist/);
  await assert.rejects(load({ path: root }), /has neither in_domain_train.tsv .* nor train.tsv and dev.tsv/);

  const bad = path.join(root, 'bad');
  await cp(path.join(fixtures, 'cola', 'raw'), bad, { recursive: true });
  await writeFile(path.join(bad, 'in_domain_train.tsv'), 'fx\t1\t\tFine.\nfx\tyes\t\tBad label.\n');
  await assert.rejects(load({ path: bad }), /in_domain_train.tsv: line 2: label 'yes' is not 0 or 1/);
  await writeFile(path.join(bad, 'in_domain_train.tsv'), 'fx\t1\tNo sentence.\n');
  await assert.rejects(load({ path: bad }), /line 1: needs 4 tab-separated columns/);
  await rm(path.join(bad, 'out_of_domain_dev.tsv'));
  await assert.rejects(load({ path: bad }), /lacks out_of_domain_dev.tsv/);

  await writeFile(path.join(root, 'vocab-bad.txt'), '[UNK]\n[PAD]\n[CLS]\n[SEP]\n');
  await assert.rejects(load({ path: path.join(fixtures, 'cola'), vocabFile: path.join(root, 'vocab-bad.txt') }), /vocab-bad.txt: the WordPiece vocabulary's \[PAD\] is on line 2/);
  await assert.rejects(load({ path: 'cola', vocabFile: 'cola/missing.txt' }), /WordPiece vocabulary .*missing.txt cannot be read/);
});

test('AG News CSV with a WordPiece vocabulary file: [CLS] … [SEP] ids from the file', async () => {
  const loaded = await loadDataset(datasetConfigSchema.parse({ kind: 'text-csv', path: 'ag_news', vocabFile: 'cola/vocab.txt', maxLength: 6 }), fixtures);
  assert.equal(loaded.type, 'text');
  const data = loaded.data as TextClassificationDataset;
  assert.equal(data.vocabulary.length, 52);
  assert.deepEqual(row(data, 'train', 0).map((id) => data.vocabulary[id]), ['[CLS]', '[UNK]', '[UNK]', '[UNK]', '[UNK]', '[SEP]']);
});
