import { optimizerConfigSchema } from '../../../shared/config/optimizerConfig.js';
import { isHyperparameterRelevant, optimizerCatalog, optimizerPresets, type OptimizerPreset } from '../../../shared/ml/optim/optimizerCatalog.js';
import type { VariantSpec } from '../schemaForm/fieldSpec.js';
import { variantsFromUnion } from '../schemaForm/fieldsFromSchema.js';

/**
 * The optimizer types of the form: every type of the config schema that plain fields can describe,
 * titled by the optimizer catalog, each field labelled by its schema's description.
 */
export function optimizerVariants(): VariantSpec[] {
  const titles = Object.fromEntries(optimizerCatalog.map((info) => [info.type, { title: info.title, description: info.description }]));
  return variantsFromUnion(optimizerConfigSchema, 'type', {}, titles);
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
