import type { FieldSpec } from '../../ui/schemaForm/fieldSpec.js';
import { readFieldValue } from '../../ui/schemaForm/readFieldValue.js';

/**
 * A sweep axis's values as typed for one form field: numbers separated by commas or spaces
 * (`0.3, 0.5, 0.7`), lists of numbers separated by `;` (`256, 128; 512`), choices and texts by commas.
 * Each value is read the way the field reads it, so what the form refuses the axis refuses too.
 */
export function readValueList(field: FieldSpec | undefined, text: string): { ok: true; values: unknown[] } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'type the values, e.g. 0.3, 0.5, 0.7' };
  if (!field) return { ok: false, message: 'choose a field' };
  const parts =
    field.kind === 'numberList' ? trimmed.split(';') : field.kind === 'number' ? trimmed.split(/[\s,]+/) : field.kind === 'boolean' ? trimmed.split(/[\s,]+/) : trimmed.split(',');
  const values: unknown[] = [];
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    if (field.kind === 'boolean') {
      if (part !== 'true' && part !== 'false') return { ok: false, message: `${part} is not true or false` };
      values.push(part === 'true');
      continue;
    }
    const read = readFieldValue({ ...field, optional: false }, part);
    if (!read.ok) return { ok: false, message: `${part}: ${read.message}` };
    values.push(read.value);
  }
  return values.length > 0 ? { ok: true, values } : { ok: false, message: 'type the values, e.g. 0.3, 0.5, 0.7' };
}

/** The text that stands for a list of values (the inverse of `readValueList`). */
export function valueListText(field: FieldSpec | undefined, values: readonly unknown[]): string {
  if (field?.kind === 'numberList') return values.map((v) => (Array.isArray(v) ? v.join(', ') : String(v))).join('; ');
  return values.map((v) => String(v)).join(', ');
}
