/** Reading numbers typed into the form: the text as typed, or why it is not a number. */
export type ParsedNumber = { ok: true; value: number | undefined } | { ok: false; message: string };

/** `''` is "not given" (undefined) when the field may be left empty, else an error. */
export function parseNumberField(text: string, allowEmpty: boolean): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return allowEmpty ? { ok: true, value: undefined } : { ok: false, message: 'required' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: 'not a number' };
  return { ok: true, value };
}

/** Layer widths typed as a list, e.g. `256, 128` (empty: no hidden layer). */
export function parseWidthList(text: string): { ok: true; value: number[] } | { ok: false; message: string } {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  const value = parts.map(Number);
  if (value.some((n) => !Number.isInteger(n))) return { ok: false, message: 'whole numbers separated by commas, e.g. 256, 128' };
  return { ok: true, value };
}
