/** Word tokens and vocabularies for text classification (pure functions). */

export const padToken = '<pad>';
export const unknownToken = '<unk>';

/** Words and numbers (Unicode letters/digits, with inner apostrophes kept: "don't"), optionally lower-cased. */
export function tokenizeWords(text: string, lowercase: boolean): string[] {
  const source = lowercase ? text.toLowerCase() : text;
  return source.match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
}

export interface Vocabulary {
  /** Token strings by id. */
  tokens: string[];
  ids: Map<string, number>;
}

export function vocabularyFromTokens(tokens: string[]): Vocabulary {
  return { tokens, ids: new Map(tokens.map((t, i) => [t, i])) };
}

/**
 * The `maxSize` most frequent tokens (ties broken alphabetically, so it is deterministic), after
 * `<pad>` (id 0) and `<unk>` (id 1).
 */
export function buildVocabulary(documents: Iterable<string[]>, maxSize: number): Vocabulary {
  const counts = new Map<string, number>();
  for (const doc of documents) for (const token of doc) counts.set(token, (counts.get(token) ?? 0) + 1);
  counts.delete(padToken);
  counts.delete(unknownToken);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = ranked.slice(0, Math.max(0, maxSize - 2)).map(([token]) => token);
  return vocabularyFromTokens([padToken, unknownToken, ...kept]);
}

/** Writes the ids of `tokens` into `out[offset .. offset+maxLength)`: cut when longer, 0-padded when shorter. */
export function encodeFixedLength(tokens: string[], vocabulary: Vocabulary, maxLength: number, out: Int32Array, offset: number): void {
  const unknown = vocabulary.ids.get(unknownToken) ?? 1;
  const n = Math.min(tokens.length, maxLength);
  for (let i = 0; i < n; i++) out[offset + i] = vocabulary.ids.get(tokens[i]) ?? unknown;
  for (let i = n; i < maxLength; i++) out[offset + i] = 0;
}
