import type { FieldIssue } from '../../../shared/api/apiError.js';
import { issuesFromZod } from '../../../shared/api/apiError.js';
import { singleOptimizerConfigSchema, type SingleOptimizerConfig } from '../../../shared/config/optimizerConfig.js';
import { isHyperparameterRelevant, optimizerCatalog, type HyperparameterInfo, type OptimizerInfo } from '../../../shared/ml/optim/optimizerCatalog.js';

/** What the user typed into an optimizer's hyperparameter form, by hyperparameter key. */
export type FieldValues = Record<string, string | boolean>;

export function catalogEntry(type: string): OptimizerInfo {
  const info = optimizerCatalog.find((i) => i.type === type);
  if (!info) throw new Error(`no optimizer ${type} in the catalog`);
  return info;
}

/** The form's values for a type: the given config's where it sets them, else the catalog defaults. */
export function initialValues(info: OptimizerInfo, config: Record<string, unknown> = {}): FieldValues {
  const values: FieldValues = {};
  for (const h of info.hyperparameters) {
    const given = config[h.key] ?? h.defaultValue;
    values[h.key] = h.kind === 'boolean' ? given === true : given === undefined ? '' : String(given);
  }
  return values;
}

/** The hyperparameters that matter for the values chosen (MAS's γ, p and mask seed only for some variants). */
export function relevantHyperparameters(info: OptimizerInfo, values: FieldValues): HyperparameterInfo[] {
  return info.hyperparameters.filter((h) => isHyperparameterRelevant(h, (key) => values[key]));
}

/**
 * The optimizer config the form describes, checked by the config schema (the one the services use),
 * or the issues by hyperparameter key. An empty number field takes the schema's default.
 */
export function readOptimizerConfig(info: OptimizerInfo, values: FieldValues): { config: SingleOptimizerConfig | null; issues: FieldIssue[] } {
  const raw: Record<string, unknown> = { type: info.type };
  const issues: FieldIssue[] = [];
  for (const h of relevantHyperparameters(info, values)) {
    const value = values[h.key];
    if (h.kind === 'boolean') raw[h.key] = value === true;
    else if (h.kind === 'choice') raw[h.key] = value;
    else {
      const text = String(value ?? '').trim();
      if (text === '') continue;
      const number = Number(text);
      if (!Number.isFinite(number)) issues.push({ path: h.key, message: `${h.label}: “${text}” is not a number` });
      else raw[h.key] = number;
    }
  }
  if (issues.length > 0) return { config: null, issues };
  const parsed = singleOptimizerConfigSchema.safeParse(raw);
  if (!parsed.success) return { config: null, issues: issuesFromZod(parsed.error) };
  return { config: parsed.data, issues: [] };
}
