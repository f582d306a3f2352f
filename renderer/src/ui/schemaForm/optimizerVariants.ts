import { optimizerConfigSchema } from '../../../../shared/config/optimizerConfig.js';
import { optimizerCatalog, optimizerPresets, type OptimizerPreset } from '../../../../shared/ml/optim/optimizerCatalog.js';
import type { VariantSpec } from './fieldSpec.js';
import { variantsFromUnion } from './fieldsFromSchema.js';

/**
 * The optimizer types of the form: every type of the config schema that plain fields can describe,
 * titled by the optimizer catalog, each field labelled by its schema's description.
 */
export function optimizerVariants(): VariantSpec[] {
  const titles = Object.fromEntries(optimizerCatalog.map((info) => [info.type, { title: info.title, description: info.description }]));
  return variantsFromUnion(optimizerConfigSchema, 'type', {}, titles);
}

/** The catalog's presets that are a complete optimizer config (fusion splits need the model's blocks). */
export const configPresets: (OptimizerPreset & { config: NonNullable<OptimizerPreset['config']> })[] = optimizerPresets.filter(
  (preset): preset is OptimizerPreset & { config: NonNullable<OptimizerPreset['config']> } => preset.config !== undefined,
);
