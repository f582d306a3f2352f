import { z } from 'zod';

/**
 * What a form shows for one config field, kept on the field's schema as zod metadata (the
 * `fieldDescriptions` registry): the forms (New Run, the Playground, the sweep builder), the optimizer
 * catalog and the CLI read it from there, so a field's text is stated once, beside its schema.
 */
export interface FieldDescription {
  label: string;
  help: string;
  /** A hint that a log-scale input suits (learning rates, ε). */
  logScale?: boolean;
  /** The field matters only when the field `key` of the same object has one of `values` (MAS's p). */
  relevantWhen?: { key: string; values: readonly string[] };
}

export const fieldDescriptions = z.registry<FieldDescription>();

/** `schema` with its form text. */
export function described<T extends z.ZodType>(schema: T, description: FieldDescription): T {
  fieldDescriptions.add(schema, description);
  return schema;
}

/** The description of a field, looked up through its default/optional/nullable wrappers. */
export function fieldDescriptionOf(schema: z.ZodType): FieldDescription | undefined {
  let inner: z.ZodType = schema;
  for (;;) {
    const found = fieldDescriptions.get(inner);
    if (found) return found;
    if (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
    else return undefined;
  }
}
