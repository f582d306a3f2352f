import { optimizerConfigSchema } from '../../../shared/config/optimizerConfig.js';
import { isHyperparameterRelevant, optimizerCatalog, optimizerPresets, type OptimizerPreset } from '../../../shared/ml/optim/optimizerCatalog.js';
import type { FieldSpec, FieldText, VariantSpec } from '../schemaForm/fieldSpec.js';
import { variantsFromUnion } from '../schemaForm/fieldsFromSchema.js';

/**
 * The optimizer types of the form: every type of the config schema that plain fields can describe,
 * titled and labelled by the optimizer catalog (a new type appears with its defaults even before the
 * catalog describes it).
 */
export function optimizerVariants(): VariantSpec[] {
  const titles = Object.fromEntries(optimizerCatalog.map((info) => [info.type, { title: info.title, description: info.description }]));
  const variants = variantsFromUnion(optimizerConfigSchema, 'type', {}, titles);
  return variants.map((variant) => {
    const info = optimizerCatalog.find((i) => i.type === variant.value);
    if (!info) return variant;
    const text: FieldText = Object.fromEntries(info.hyperparameters.map((h) => [h.key, { label: h.label, help: h.help }]));
    const fields = variant.fields.map((field): FieldSpec => ({ ...field, ...(text[field.path] ?? {}) }));
    return { ...variant, fields };
  });
}

/** Whether a hyperparameter matters for the values typed so far (the catalog's rule; MAS's p and mask seed). */
export function isFieldRelevant(type: string, key: string, valueOf: (key: string) => unknown): boolean {
  const info = optimizerCatalog.find((i) => i.type === type)?.hyperparameters.find((h) => h.key === key);
  return info === undefined || isHyperparameterRelevant(info, valueOf);
}

/** The catalog's presets that are a complete optimizer config (fusion splits need the model's blocks). */
export const configPresets: (OptimizerPreset & { config: NonNullable<OptimizerPreset['config']> })[] = optimizerPresets.filter(
  (preset): preset is OptimizerPreset & { config: NonNullable<OptimizerPreset['config']> } => preset.config !== undefined,
);
