/**
 * BERT's WordPiece tokenization (Hugging Face's BertTokenizer: BasicTokenizer, then
 * WordpieceTokenizer) over a vocabulary read from a vocab.txt, as pure functions.
 */

/** A WordPiece vocabulary: token strings by id (the line number in vocab.txt) and ids by token. */
export interface WordPieceVocabulary {
  tokens: string[];
  ids: Map<string, number>;
  pad: number;
  unknown: number;
  cls: number;
  sep: number;
}

const specialTokens = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/**
 * Reads a vocab.txt: one token per line, its id the line's index (as Hugging Face's `load_vocab`: only
 * the line break is stripped). [PAD] must be id 0 (the project pads with 0 and masks id 0), and
 * [UNK], [CLS], [SEP] must be present.
 */
export function parseWordPieceVocabulary(text: string): WordPieceVocabulary {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.at(-1) === '') lines.pop();
  const ids = new Map<string, number>();
  lines.forEach((token, i) => ids.set(token, i));
  const id = (token: string) => {
    const found = ids.get(token);
    if (found === undefined) throw new Error(`the WordPiece vocabulary has no ${token} token`);
    return found;
  };
  const pad = id('[PAD]');
  if (pad !== 0) throw new Error(`the WordPiece vocabulary's [PAD] is on line ${pad + 1}; it must be the first (id 0)`);
  return { tokens: lines, ids, pad, unknown: id('[UNK]'), cls: id('[CLS]'), sep: id('[SEP]') };
}

const isControl = (c: string) => c !== '\t' && c !== '\n' && c !== '\r' && /\p{C}/u.test(c);
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || /\p{Zs}/u.test(c);

function isPunctuation(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  // ASCII non-letters/numbers count as punctuation ("$", "^", "`"), as in BERT.
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) return true;
  return /\p{P}/u.test(c);
}

/** CJK Unified Ideographs (and extensions, compatibility ideographs): each becomes a word of its own. */
function isChinese(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '');
}

function splitOnPunctuation(word: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const c of word) {
    if (isPunctuation(c)) {
      if (current) out.push(current);
      out.push(c);
      current = '';
    } else current += c;
  }
  if (current) out.push(current);
  return out;
}

/**
 * BasicTokenizer: drops NUL, U+FFFD and control characters, turns whitespace into spaces, puts
 * spaces around CJK ideographs, normalises to NFC, splits on whitespace; then per word (special
 * tokens such as [CLS] kept whole) lowercases and strips accents (NFD, combining marks removed) when
 * `lowercase`, and splits punctuation off as words of its own.
 */
export function basicTokenize(text: string, lowercase: boolean): string[] {
  let cleaned = '';
  for (const c of text) {
    const cp = c.codePointAt(0) ?? 0;
    if (cp === 0 || cp === 0xfffd || isControl(c)) continue;
    if (isWhitespace(c)) cleaned += ' ';
    else if (isChinese(cp)) cleaned += ` ${c} `;
    else cleaned += c;
  }
  const words: string[] = [];
  for (const word of cleaned.normalize('NFC').split(/\s+/u)) {
    if (!word) continue;
    if (specialTokens.includes(word)) {
      words.push(word);
      continue;
    }
    const cased = lowercase ? stripAccents(word.toLowerCase()) : word;
    words.push(...splitOnPunctuation(cased));
  }
  return words.filter((w) => w.length > 0);
}

/** Words longer than this (in code points) become [UNK], as Hugging Face's max_input_chars_per_word. */
const maxWordLength = 100;

/**
 * WordpieceTokenizer: greedy longest-match-first; pieces after the first carry the `##` prefix. A
 * word with a part that no piece matches becomes one [UNK].
 */
export function wordPieces(word: string, vocabulary: WordPieceVocabulary): string[] {
  const chars = Array.from(word);
  if (chars.length > maxWordLength) return ['[UNK]'];
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    let found: string | undefined;
    while (start < end) {
      const piece = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
      if (vocabulary.ids.has(piece)) {
        found = piece;
        break;
      }
      end -= 1;
    }
    if (found === undefined) return ['[UNK]'];
    pieces.push(found);
    start = end;
  }
  return pieces;
}

/** The WordPiece tokens of a text (Hugging Face's `BertTokenizer.tokenize`). */
export function wordPieceTokenize(text: string, vocabulary: WordPieceVocabulary, lowercase: boolean): string[] {
  return basicTokenize(text, lowercase).flatMap((word) => (specialTokens.includes(word) && vocabulary.ids.has(word) ? [word] : wordPieces(word, vocabulary)));
}

/**
 * Writes a text's ids as BERT takes one sentence: [CLS] tokens [SEP], cut to `maxLength` (the
 * tokens, keeping [SEP]) and padded with [PAD] (id 0), into `out[offset .. offset+maxLength)`.
 */
export function encodeWordPiece(text: string, vocabulary: WordPieceVocabulary, lowercase: boolean, maxLength: number, out: Int32Array, offset: number): void {
  if (maxLength < 2) throw new Error('WordPiece encoding needs at least 2 tokens per sample ([CLS] and [SEP])');
  const ids = wordPieceTokenize(text, vocabulary, lowercase)
    .slice(0, maxLength - 2)
    .map((token) => vocabulary.ids.get(token) ?? vocabulary.unknown);
  const row = [vocabulary.cls, ...ids, vocabulary.sep];
  for (let i = 0; i < maxLength; i++) out[offset + i] = i < row.length ? row[i] : vocabulary.pad;
}
