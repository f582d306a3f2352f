import { z } from 'zod';
import { fieldDescriptionOf } from '../../../../shared/config/fieldDescriptions.js';
import type { Choice, FieldSpec, FieldText, VariantSpec } from './fieldSpec.js';

/**
 * Form fields read from a zod object schema: numbers, booleans, enums and unions of literals, strings,
 * lists and tuples of numbers, and nested objects whose fields all have defaults. Labels and help come
 * from `text` (by the field's dotted path, then by its name), else from the field's own description (zod metadata, `fieldDescriptions.ts`). Returns
 * null when a required field is of another kind (the object then needs an editor of its own).
 */
export function fieldsFromObject(schema: z.ZodObject, text: FieldText, skip: readonly string[] = [], prefix = ''): FieldSpec[] | null {
  const fields: FieldSpec[] = [];
  for (const [key, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (skip.includes(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const { inner, optional, defaultValue } = unwrap(fieldSchema);
    const description = fieldDescriptionOf(fieldSchema);
    const { label, help = '' } = text[path] ?? text[key] ?? description ?? { label: humanize(key) };
    const base = { path, label, help, optional: optional || defaultValue !== undefined, ...(description?.relevantWhen ? { relevantWhen: description.relevantWhen } : {}) };

    if (inner instanceof z.ZodNumber) {
      fields.push({ ...base, kind: 'number', integer: isInteger(inner), defaultValue: asNumber(defaultValue) });
    } else if (inner instanceof z.ZodBoolean) {
      fields.push({ ...base, kind: 'boolean', defaultValue: defaultValue === true });
    } else if (inner instanceof z.ZodString) {
      fields.push({ ...base, kind: 'text', defaultValue: typeof defaultValue === 'string' ? defaultValue : undefined });
    } else if (choicesOf(inner)) {
      const choices = choicesOf(inner) ?? [];
      const value = typeof defaultValue === 'string' || typeof defaultValue === 'number' ? defaultValue : undefined;
      fields.push({ ...base, kind: 'choice', choices, defaultValue: value ?? (base.optional ? undefined : choices[0]?.value) });
    } else if (numberElements(inner)) {
      const { integer, length } = numberElements(inner)!;
      const list = Array.isArray(defaultValue) ? (defaultValue as number[]) : undefined;
      fields.push({ ...base, kind: 'numberList', integer, length, defaultValue: list });
    } else if (inner instanceof z.ZodObject) {
      const nested = fieldsFromObject(inner, text, [], path);
      const fillable = nested !== null && nested.every((f) => f.optional);
      if (fillable) fields.push(...nested);
      else if (base.optional && nested !== null && nested.every((f) => f.kind !== 'boolean')) fields.push(...nested.map(optionalGroupField));
      else if (!base.optional) return null;
    } else if (!base.optional) {
      return null;
    }
  }
  return fields;
}

/** The choices of a discriminated union of objects, each with its fields; choices that need their own editor are left out. */
export function variantsFromUnion(
  union: z.ZodDiscriminatedUnion,
  discriminator: string,
  text: FieldText,
  titles: Record<string, { title: string; description?: string }>,
): VariantSpec[] {
  const variants: VariantSpec[] = [];
  for (const option of union.options) {
    if (!(option instanceof z.ZodObject)) continue;
    const literal = (option.shape as Record<string, z.ZodType>)[discriminator];
    if (!(literal instanceof z.ZodLiteral)) continue;
    const value = String(literal.value);
    const fields = fieldsFromObject(option, text, [discriminator]);
    if (!fields) continue;
    const title = titles[value] ?? { title: humanize(value) };
    variants.push({ value, title: title.title, description: title.description ?? '', fields });
  }
  return variants;
}

/**
 * A field of an optional object whose own fields are required (e.g. MAS's λ schedule): it starts
 * empty, so the object is left out while all its fields are; once one is filled the schema asks for the rest.
 */
function optionalGroupField(field: FieldSpec): FieldSpec {
  return field.kind === 'boolean' ? field : { ...field, optional: true, defaultValue: undefined };
}

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; defaultValue: unknown } {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodDefault) {
      defaultValue = inner.def.defaultValue;
      inner = inner.unwrap() as z.ZodType;
    } else return { inner, optional, defaultValue };
  }
}

function choicesOf(schema: z.ZodType): Choice[] | null {
  if (schema instanceof z.ZodEnum) return schema.options.map((value) => ({ label: String(value), value: value as string | number }));
  if (schema instanceof z.ZodLiteral) return [{ label: String(schema.value), value: schema.value as string | number }];
  if (schema instanceof z.ZodUnion) {
    const choices: Choice[] = [];
    for (const option of schema.options as z.ZodType[]) {
      if (!(option instanceof z.ZodLiteral)) return null;
      const value = option.value;
      if (typeof value !== 'string' && typeof value !== 'number') return null;
      choices.push({ label: String(value), value });
    }
    return choices;
  }
  return null;
}

function numberElements(schema: z.ZodType): { integer: boolean; length?: number } | null {
  if (schema instanceof z.ZodArray) {
    const element = unwrap(schema.element as z.ZodType).inner;
    return element instanceof z.ZodNumber ? { integer: isInteger(element) } : null;
  }
  if (schema instanceof z.ZodTuple) {
    const items = (schema.def.items as z.ZodType[]).map((item) => unwrap(item).inner);
    if (!items.every((item) => item instanceof z.ZodNumber)) return null;
    return { integer: items.every((item) => isInteger(item as z.ZodNumber)), length: items.length };
  }
  return null;
}

function isInteger(schema: z.ZodNumber): boolean {
  return schema.isInt === true;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** `trainLimit` → `Train limit`. */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
