import type { FieldSpec } from './fieldSpec.js';

/**
 * The grey text of an empty field: what applies when it is left empty. A field with a default shows
 * it (`default 0.001`, `default 256, 128`; an empty list or text: `default: none`); an optional field
 * without one `not set`; a required field and a checkbox nothing.
 */
export function fieldPlaceholder(field: FieldSpec): string {
  if (field.kind === 'boolean' || !field.optional) return '';
  if (field.defaultValue === undefined) return 'not set';
  const text = Array.isArray(field.defaultValue) ? field.defaultValue.join(', ') : String(field.defaultValue);
  return text.trim() === '' ? 'default: none' : `default ${text}`;
}
