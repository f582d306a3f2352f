import type { FieldIssue } from '../../../shared/errors/fieldIssue.js';
import { issuesFromZod } from '../../../shared/errors/fieldIssue.js';
import { singleOptimizerConfigSchema, type SingleOptimizerConfig } from '../../../shared/config/optimizerConfig.js';
import { relevantFields } from '../ui/schemaForm/fieldRelevance.js';
import type { FieldValue, VariantSpec } from '../ui/schemaForm/fieldSpec.js';
import { optimizerVariants } from '../ui/schemaForm/optimizerVariants.js';
import { getAtPath, initialFieldValue, readFieldValue, setAtPath, typedFromValue } from '../ui/schemaForm/readFieldValue.js';

/**
 * The Playground's optimizer forms, on the schema form engine of the New Run form: the same fields,
 * labels, relevance rule and reading of typed text.
 */

/** What the user typed into an optimizer's form, by field path. */
export type FieldValues = Record<string, FieldValue>;

/** The single optimizers (a mixer or fusion plan needs a model's blocks), in menu order. */
export const playgroundOptimizers: VariantSpec[] = optimizerVariants().filter((v) => singleOptimizerConfigSchema.options.some((o) => o.shape.type.value === v.value));

export function optimizerVariant(type: string): VariantSpec {
  const variant = playgroundOptimizers.find((v) => v.value === type);
  if (!variant) throw new Error(`no optimizer ${type} in the form`);
  return variant;
}

/** The form's values for a type: the given config's where it sets them, else the defaults. */
export function initialValues(variant: VariantSpec, config: Record<string, unknown> = {}): FieldValues {
  const values: FieldValues = {};
  for (const field of variant.fields) {
    const given = getAtPath(config, field.path);
    values[field.path] = given === undefined ? initialFieldValue(field) : typedFromValue(field, given);
  }
  return values;
}

/**
 * The optimizer config the form describes, checked by the config schema (the one the services use),
 * or the issues by field path. An empty field takes the schema's default.
 */
export function readOptimizerConfig(variant: VariantSpec, values: FieldValues): { config: SingleOptimizerConfig | null; issues: FieldIssue[] } {
  const raw: Record<string, unknown> = { type: variant.value };
  const issues: FieldIssue[] = [];
  for (const field of relevantFields(variant.fields, values)) {
    const result = readFieldValue(field, values[field.path]);
    if (!result.ok) issues.push({ path: field.path, message: `${field.label}: ${result.message}` });
    else if (result.value !== undefined) setAtPath(raw, field.path, result.value);
  }
  if (issues.length > 0) return { config: null, issues };
  const parsed = singleOptimizerConfigSchema.safeParse(raw);
  if (!parsed.success) return { config: null, issues: issuesFromZod(parsed.error, singleOptimizerConfigSchema, raw) };
  return { config: parsed.data, issues: [] };
}
