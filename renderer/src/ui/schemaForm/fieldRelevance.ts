import type { FieldSpec, FieldValue } from './fieldSpec.js';

/**
 * Whether a field matters for the values typed so far (its description's `relevantWhen`: MAS's p and
 * mask seed only for the vector-combination variant). The one rule every form applies.
 */
export function isFieldRelevant(field: FieldSpec, valueOf: (key: string) => FieldValue | undefined): boolean {
  if (!field.relevantWhen) return true;
  const value = valueOf(field.relevantWhen.key);
  return typeof value === 'string' && field.relevantWhen.values.includes(value);
}

/** The fields of a form that matter for the values typed so far. */
export function relevantFields(fields: readonly FieldSpec[], values: Record<string, FieldValue>): FieldSpec[] {
  return fields.filter((f) => isFieldRelevant(f, (key) => values[key]));
}
