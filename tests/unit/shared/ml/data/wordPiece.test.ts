import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basicTokenize, encodeWordPiece, parseWordPieceVocabulary, wordPieceTokenize } from '../../../../../shared/ml/data/wordPiece.js';

/** The cases of Hugging Face's tests/models/bert/test_tokenization_bert.py, with [PAD] as id 0. */
const vocab = (tokens: string[]) => parseWordPieceVocabulary(['[PAD]', ...tokens].join('\n') + '\n');

test('basic tokenization: lowercasing, accent stripping, whitespace and punctuation splits (BertTokenizer’s cases)', () => {
  assert.deepEqual(basicTokenize(' \tHeLLo!how  \n Are yoU?  ', true), ['hello', '!', 'how', 'are', 'you', '?']);
  assert.deepEqual(basicTokenize('H\u00E9llo', true), ['hello']);
  assert.deepEqual(basicTokenize(' \tHäLLo!how  \n Are yoU?  ', true), ['hallo', '!', 'how', 'are', 'you', '?']);
  assert.deepEqual(basicTokenize(' \tHeLLo!how  \n Are yoU?  ', false), ['HeLLo', '!', 'how', 'Are', 'yoU', '?']);
  assert.deepEqual(basicTokenize('ah\u535A\u63A8zz', true), ['ah', '\u535A', '\u63A8', 'zz']);
  // ASCII symbols are punctuation ("$", "`"), control characters and the soft hyphen vanish, NBSP is a space.
  assert.deepEqual(basicTokenize('a$b`c\u0005d\u00ADe\u00A0f', true), ['a', '$', 'b', '`', 'cde', 'f']);
  assert.deepEqual(basicTokenize("John Johanson's house", true), ['john', 'johanson', "'", 's', 'house']);
  // Special tokens stay whole and keep their case.
  assert.deepEqual(basicTokenize('[CLS] Hi [SEP]', true), ['[CLS]', 'hi', '[SEP]']);
  assert.deepEqual(basicTokenize('', true), []);
});

test('WordPiece: greedy longest match first with ## continuations; an unmatched word is one [UNK]', () => {
  const v = vocab(['[UNK]', '[CLS]', '[SEP]', 'want', '##want', '##ed', 'wa', 'un', 'runn', '##ing', ',', 'low', 'lowest']);
  assert.deepEqual(wordPieceTokenize('', v, true), []);
  assert.deepEqual(wordPieceTokenize('unwanted running', v, true), ['un', '##want', '##ed', 'runn', '##ing']);
  assert.deepEqual(wordPieceTokenize('unwantedX running', v, true), ['[UNK]', 'runn', '##ing']);
  assert.deepEqual(wordPieceTokenize('UNwant\u00E9d,running', v, true), ['un', '##want', '##ed', ',', 'runn', '##ing']);
  assert.deepEqual(wordPieceTokenize('lowest', v, true), ['lowest'], 'the longest piece wins');
  assert.deepEqual(wordPieceTokenize('Test \u00AD test', v, true), ['[UNK]', '[UNK]']);
  assert.deepEqual(wordPieceTokenize('w'.repeat(101), vocab(['[UNK]', '[CLS]', '[SEP]', 'w', '##w']), true), ['[UNK]'], 'words over 100 characters');
  const readme = vocab(['[UNK]', '[CLS]', '[SEP]', 'john', 'johan', '##son', "'", 's', 'house']);
  assert.deepEqual(wordPieceTokenize("John Johanson's house", readme, true), ['john', 'johan', '##son', "'", 's', 'house']);
});

test('encoding: [CLS] ids [SEP], cut to the length keeping [SEP], padded with [PAD] = 0', () => {
  const v = vocab(['[UNK]', '[CLS]', '[SEP]', 'want', '##want', '##ed', 'wa', 'un', 'runn', '##ing', ',']);
  const out = new Int32Array(16).fill(-1);
  encodeWordPiece('UNwant\u00E9d,running', v, true, 10, out, 2);
  assert.deepEqual(Array.from(out.slice(2, 12)), [2, 8, 5, 6, 11, 9, 10, 3, 0, 0]);
  assert.equal(out[1], -1);
  assert.equal(out[12], -1);
  encodeWordPiece('unwanted running xyz', v, true, 5, out, 0);
  assert.deepEqual(Array.from(out.slice(0, 5)), [2, 8, 5, 6, 3]);
  encodeWordPiece('xyz', v, true, 4, out, 0);
  assert.deepEqual(Array.from(out.slice(0, 4)), [2, 1, 3, 0], 'unknown words are [UNK]');
});

test('the vocabulary file: ids are line numbers, CRLF tolerated, [PAD] first and the special tokens required', () => {
  const v = parseWordPieceVocabulary('[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nhello\r\n');
  assert.equal(v.tokens.length, 5);
  assert.equal(v.ids.get('hello'), 4);
  assert.deepEqual([v.pad, v.unknown, v.cls, v.sep], [0, 1, 2, 3]);
  assert.throws(() => parseWordPieceVocabulary('[UNK]\n[PAD]\n[CLS]\n[SEP]\n'), /\[PAD\] is on line 2; it must be the first/);
  assert.throws(() => parseWordPieceVocabulary('[PAD]\n[UNK]\n[CLS]\n'), /no \[SEP\] token/);
});
