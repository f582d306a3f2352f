import type { FieldSpec, FieldValue } from './fieldSpec.js';

/** The value a field's typed text stands for, `undefined` when left empty, or why it cannot be read. */
export type ReadResult = { ok: true; value: unknown } | { ok: false; message: string };

export function readFieldValue(field: FieldSpec, typed: FieldValue | undefined): ReadResult {
  if (field.kind === 'boolean') return { ok: true, value: typed === true };
  const text = typeof typed === 'string' ? typed.trim() : '';
  if (text === '') return field.optional ? { ok: true, value: undefined } : { ok: false, message: 'required' };
  switch (field.kind) {
    case 'text':
      return { ok: true, value: text };
    case 'number': {
      const value = Number(text);
      return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: 'not a number' };
    }
    case 'choice': {
      const choice = field.choices.find((c) => String(c.value) === text);
      return choice ? { ok: true, value: choice.value } : { ok: false, message: 'not one of the choices' };
    }
    case 'numberList': {
      const value = text.split(/[\s,]+/).filter((part) => part !== '').map(Number);
      if (value.some((n) => !Number.isFinite(n))) return { ok: false, message: 'numbers separated by commas, e.g. 256, 128' };
      if (field.length !== undefined && value.length !== field.length) return { ok: false, message: `${field.length} numbers separated by commas` };
      return { ok: true, value };
    }
  }
}

/** The text a field starts with: its default. */
export function initialFieldValue(field: FieldSpec): FieldValue {
  switch (field.kind) {
    case 'boolean':
      return field.defaultValue;
    case 'numberList':
      return field.defaultValue ? field.defaultValue.join(', ') : '';
    default:
      return field.defaultValue === undefined ? '' : String(field.defaultValue);
  }
}

/** The text that stands for a value of a config (the inverse of `readFieldValue`). */
export function typedFromValue(field: FieldSpec, value: unknown): FieldValue {
  if (field.kind === 'boolean') return value === true;
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The value at a dotted path inside `source` (undefined when a part is missing). */
export function getAtPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Sets `value` at a dotted path inside `target`, creating the objects on the way. */
export function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}
