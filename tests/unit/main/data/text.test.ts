import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadDataset } from '../../../../main/data/loadDataset.js';
import { encodeStream, lmSequences, lmTokens, lmVocabulary } from '../../../../shared/ml/data/languageModelCorpus.js';
import { buildVocabulary, encodeFixedLength, tokenizeWords } from '../../../../shared/ml/data/tokenizer.js';

let root: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'optlab-text-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('word tokens: lower-cased words and numbers, inner apostrophes kept', () => {
  assert.deepEqual(tokenizeWords("Wall St. Bears Claw Back Into the Black (Reuters) don't 3.5%", true), [
    'wall', 'st', 'bears', 'claw', 'back', 'into', 'the', 'black', 'reuters', "don't", '3', '5',
  ]);
  assert.deepEqual(tokenizeWords('Über café', false), ['Über', 'café']);
});

test('vocabulary: <pad>, <unk>, then by frequency with alphabetical ties; fixed-length encoding', () => {
  const vocab = buildVocabulary([['b', 'a', 'c', 'b'], ['c', 'b', 'd']], 4);
  assert.deepEqual(vocab.tokens, ['<pad>', '<unk>', 'b', 'c']);
  const out = new Int32Array(8).fill(-1);
  encodeFixedLength(['c', 'zzz', 'b'], vocab, 4, out, 0);
  encodeFixedLength(['b', 'b', 'b', 'b', 'b'], vocab, 4, out, 4);
  assert.deepEqual(Array.from(out), [3, 1, 2, 0, 2, 2, 2, 2]);
});

test('language-model tokens: <eos> per line at word level, characters at char level; windows shift by one', () => {
  const words = lmTokens(' the cat <unk> \n sat\n', 'word');
  assert.deepEqual(words, ['the', 'cat', '<unk>', '<eos>', 'sat', '<eos>']);
  assert.deepEqual(lmTokens('ab\r\nc', 'char'), ['a', 'b', '\n', 'c']);
  const vocab = lmVocabulary(words);
  assert.deepEqual(vocab.tokens, ['the', 'cat', '<unk>', '<eos>', 'sat']);
  assert.deepEqual(Array.from(encodeStream(['sat', 'dog'], vocab)), [4, 2]);
  const seq = lmSequences(Int32Array.from([0, 1, 2, 3, 4, 5, 6]), 3);
  assert.equal(seq.count, 2);
  assert.deepEqual(Array.from(seq.inputs), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(seq.targets), [1, 2, 3, 4, 5, 6]);
});

const agNewsRows = [
  '"3","Wall St. Bears Claw Back Into the Black (Reuters)","Reuters - Short-sellers, Wall Street\'s dwindling\\band of ultra-cynics, are seeing green again."',
  '"4","Google IPO, ""auction"" style","Google said on Monday it would sell shares"',
  '"1","Talks end","Diplomats met, and talks ended"',
  '"2","Team wins","The team won the final"',
];

test('text CSV in AG News layout: labels 1..K become 0..K-1, quoted commas kept, class names from classes.txt', async () => {
  const dir = path.join(root, 'ag');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'train.csv'), agNewsRows.join('\n') + '\n');
  await writeFile(path.join(dir, 'test.csv'), agNewsRows.slice(0, 2).join('\r\n'));
  await writeFile(path.join(dir, 'classes.txt'), 'World\nSports\nBusiness\nSci/Tech\n');
  const loaded = await loadDataset({ kind: 'text-csv', path: dir, vocabSize: 50, maxLength: 6, lowercase: true, testFraction: 0.1, trainLimit: 0, testLimit: 0 }, root);
  assert.equal(loaded.type, 'text');
  if (loaded.type !== 'text') return;
  const ds = loaded.data;
  assert.deepEqual(ds.classes, ['World', 'Sports', 'Business', 'Sci/Tech']);
  assert.deepEqual(Array.from(ds.train.labels), [2, 3, 0, 1]);
  assert.equal(ds.test.count, 2);
  assert.equal(ds.train.tokens.length, 4 * 6);
  const words = (row: number) => Array.from(ds.train.tokens.subarray(row * 6, row * 6 + 6), (id) => ds.vocabulary[id]);
  assert.deepEqual(words(1), ['google', 'ipo', 'auction', 'style', 'google', 'said']);
  assert.deepEqual(words(3), ['team', 'wins', 'the', 'team', 'won', 'the']);
});

test('a single CSV file with a header is split with a fixed seed', async () => {
  const file = path.join(root, 'single.csv');
  const rows = Array.from({ length: 20 }, (_, i) => `${i % 2},"title ${i}","text ${i}"`);
  await writeFile(file, ['label,title,text', ...rows].join('\n'));
  const config = { kind: 'text-csv', path: file, vocabSize: 100, maxLength: 4, lowercase: true, testFraction: 0.25, trainLimit: 0, testLimit: 0 } as const;
  const a = await loadDataset(config, root);
  const b = await loadDataset(config, root);
  if (a.type !== 'text' || b.type !== 'text') throw new Error('expected text');
  assert.equal(a.data.train.count, 15);
  assert.equal(a.data.test.count, 5);
  assert.deepEqual(a.data.classes, ['0', '1']);
  assert.deepEqual(a.data.test.tokens, b.data.test.tokens);
});

test('bad CSV rows fail naming the file and row', async () => {
  const bad = path.join(root, 'bad.csv');
  await writeFile(bad, '1,"a","b"\nx,"c","d"\n');
  await assert.rejects(loadDataset({ kind: 'text-csv', path: bad, vocabSize: 10, maxLength: 4, lowercase: true, testFraction: 0, trainLimit: 0, testLimit: 0 }, root), /bad\.csv: row 2: label 'x' is not a non-negative integer/);
  const unclosed = path.join(root, 'unclosed.csv');
  await writeFile(unclosed, '1,"a","b\n2,"c","d"\n');
  await assert.rejects(loadDataset({ kind: 'text-csv', path: unclosed, vocabSize: 10, maxLength: 4, lowercase: true, testFraction: 0, trainLimit: 0, testLimit: 0 }, root), /unclosed\.csv: not valid CSV/);
  await assert.rejects(loadDataset({ kind: 'text-csv', path: path.join(root, 'nope'), vocabSize: 10, maxLength: 4, lowercase: true, testFraction: 0, trainLimit: 0, testLimit: 0 }, root), /nope does not exist/);
});

test('a PTB-layout folder loads as word or char streams; unknown words map to <unk>', async () => {
  const dir = path.join(root, 'ptb');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'ptb.train.txt'), ' aer banknote berlitz <unk> \n the n years \n');
  await writeFile(path.join(dir, 'ptb.valid.txt'), ' the dog years \n');
  await writeFile(path.join(dir, 'ptb.test.txt'), ' aer \n');
  const words = await loadDataset({ kind: 'text-lm', path: dir, level: 'word', seqLength: 3, trainLimit: 0, testLimit: 0 }, root);
  if (words.type !== 'language-model') throw new Error('expected a language model dataset');
  assert.deepEqual(words.data.vocabulary, ['aer', 'banknote', 'berlitz', '<unk>', '<eos>', 'the', 'n', 'years']);
  assert.deepEqual(Array.from(words.data.valid), [5, 3, 7, 4]);
  assert.equal(words.data.train.length, 9);
  const chars = await loadDataset({ kind: 'text-lm', path: dir, level: 'char', seqLength: 3, trainLimit: 10, testLimit: 0 }, root);
  if (chars.type !== 'language-model') throw new Error('expected a language model dataset');
  assert.equal(chars.data.train.length, 10);
  assert.ok(chars.data.vocabulary.includes('\n'));
});

test('a language-modeling folder missing a split names it; a binary file is refused', async () => {
  const dir = path.join(root, 'ptb-missing');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'ptb.train.txt'), 'a b c\n');
  await assert.rejects(loadDataset({ kind: 'text-lm', path: dir, level: 'word', seqLength: 2, trainLimit: 0, testLimit: 0 }, root), /lacks ptb\.valid\.txt or valid\.txt, ptb\.test\.txt or test\.txt/);
  const binary = path.join(root, 'binary.bin');
  await writeFile(binary, Uint8Array.from([0, 1, 2, 0, 0, 65]));
  await assert.rejects(loadDataset({ kind: 'text-lm', path: binary, level: 'char', seqLength: 2, trainLimit: 0, testLimit: 0 }, root), /binary\.bin: contains NUL bytes/);
});
