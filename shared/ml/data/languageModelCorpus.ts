import { unknownToken, vocabularyFromTokens, type Vocabulary } from './tokenizer.js';

/** End-of-sentence token added after each line at word level (as PTB language-modeling code does). */
export const endOfSentenceToken = '<eos>';

/**
 * Splits a corpus into tokens. Word level: whitespace-separated words of each line, then `<eos>`
 * (PTB already marks rare words `<unk>`). Char level: every character, newlines included.
 */
export function lmTokens(text: string, level: 'word' | 'char'): string[] {
  if (level === 'char') return Array.from(text.replace(/\r\n/g, '\n'));
  const tokens: string[] = [];
  const lines = text.split(/\r?\n/);
  // A final newline does not start another sentence.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    for (const word of line.split(/\s+/)) if (word.length > 0) tokens.push(word);
    tokens.push(endOfSentenceToken);
  }
  return tokens;
}

/** Vocabulary of a training stream in order of first appearance, with `<unk>` added if absent. */
export function lmVocabulary(trainTokens: string[]): Vocabulary {
  const seen = new Set<string>();
  const tokens: string[] = [];
  for (const t of trainTokens) {
    if (!seen.has(t)) {
      seen.add(t);
      tokens.push(t);
    }
  }
  if (!seen.has(unknownToken)) tokens.push(unknownToken);
  return vocabularyFromTokens(tokens);
}

/** Token ids of a stream; tokens outside the vocabulary become `<unk>`. */
export function encodeStream(tokens: string[], vocabulary: Vocabulary, limit = 0): Int32Array {
  const unknown = vocabulary.ids.get(unknownToken);
  if (unknown === undefined) throw new Error('encodeStream: the vocabulary has no <unk>');
  const n = limit > 0 ? Math.min(limit, tokens.length) : tokens.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = vocabulary.ids.get(tokens[i]) ?? unknown;
  return out;
}

/**
 * Cuts a stream into next-token prediction pairs of `seqLength` (non-overlapping windows, the last
 * partial one dropped): inputs [count, seqLength] and targets shifted by one.
 */
export function lmSequences(stream: Int32Array, seqLength: number): { inputs: Int32Array; targets: Int32Array; count: number } {
  const count = Math.max(0, Math.floor((stream.length - 1) / seqLength));
  const inputs = new Int32Array(count * seqLength);
  const targets = new Int32Array(count * seqLength);
  for (let s = 0; s < count; s++) {
    inputs.set(stream.subarray(s * seqLength, (s + 1) * seqLength), s * seqLength);
    targets.set(stream.subarray(s * seqLength + 1, (s + 1) * seqLength + 1), s * seqLength);
  }
  return { inputs, targets, count };
}
