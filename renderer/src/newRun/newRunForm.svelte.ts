import { issuesFromZod, type FieldIssue } from '../../../shared/errors/fieldIssue.js';
import type { DatasetInfo } from '../../../shared/api/contract.js';
import { datasetConfigSchema } from '../../../shared/config/datasetConfig.js';
import { modelConfigSchema } from '../../../shared/config/modelConfig.js';
import { modelDefinition } from '../../../shared/ml/models/modelRegistry.js';
import { lrScheduleConfigSchema, optimizerConfigSchema, optimizerConfigWarnings, type OptimizerConfigInput } from '../../../shared/config/optimizerConfig.js';
import { epsilonCaptureScheduleSchema } from '../../../shared/science/epsilon/captureSchedule.js';
import { runConfigSchema, trainingConfigSchema, type RunConfig } from '../../../shared/config/runConfig.js';
import { runPresets } from '../../../shared/config/runPresets.js';
import type { FieldSpec, FieldValue, VariantSpec } from '../ui/schemaForm/fieldSpec.js';
import { fieldsFromObject, variantsFromUnion } from '../ui/schemaForm/fieldsFromSchema.js';
import { getAtPath, initialFieldValue, readFieldValue, setAtPath, typedFromValue } from '../ui/schemaForm/readFieldValue.js';
import { epsilonCaptureFieldText, lrScheduleFieldText, trainingFieldText } from './formText.js';
import { datasetTitles, lrScheduleTitles, modelTitles } from './kindTitles.js';
import { FusionPlanForm } from './fusionPlanForm.svelte.js';
import { MixerForm } from './mixerForm.svelte.js';
import { holdOutPath, holdOutProblem } from '../../../shared/ml/data/validationSplit.js';
import { relevantFields } from '../ui/schemaForm/fieldRelevance.js';
import { configPresets, optimizerVariants } from '../ui/schemaForm/optimizerVariants.js';

/** The parts of a run config the form edits, each a choice of variant with its fields. */
export type Section = 'dataset' | 'model' | 'optimizer' | 'lrSchedule';
/** The parts of a run config that are one object of fields. */
export type PlainSection = 'training' | 'epsilonCapture';

export interface DatasetChoice {
  kind: string;
  title: string;
  /** False when the data is missing and cannot be given by a path either. */
  enabled: boolean;
  /** Where the data was found, or why it is not available. */
  detail: string;
}

/**
 * The New Run form: the variants chosen (dataset kind, model kind, optimizer type), what the user
 * typed into each field, the run config it makes, and the issues of that config by field path
 * (checked as the user types with the schema the services use).
 */
export class NewRunForm {
  readonly variants: Record<Section, VariantSpec[]> = {
    dataset: variantsFromUnion(datasetConfigSchema, 'kind', {}, datasetTitles),
    model: variantsFromUnion(modelConfigSchema, 'kind', {}, modelTitles),
    optimizer: optimizerVariants(),
    lrSchedule: variantsFromUnion(lrScheduleConfigSchema, 'type', lrScheduleFieldText, lrScheduleTitles),
  };
  readonly trainingFields: FieldSpec[] = fieldsFromObject(trainingConfigSchema, trainingFieldText) ?? [];
  readonly epsilonCaptureFields: FieldSpec[] = fieldsFromObject(epsilonCaptureScheduleSchema, epsilonCaptureFieldText) ?? [];
  readonly presets = configPresets;
  /** Whole set-ups from the papers (dataset, model, optimizer, training). */
  readonly runPresets = runPresets;
  runPresetId = $state('');

  datasetInfo = $state.raw<DatasetInfo[]>([]);

  name = $state('');
  datasetKind = $state('fashion-mnist');
  /** The model chosen for data sets (a surface always takes the point model). */
  dataModelKind = $state('mlp');
  optimizerType = $state('adam');
  lrScheduleType = $state('constant');
  /** One optimizer for the whole model, a layer-wise fusion plan (an optimizer per group of blocks) or a mixer (weighted optimizers). */
  optimizerMode = $state<'single' | 'fusion' | 'mixer'>('single');
  readonly fusion = new FusionPlanForm(this.variants.optimizer);
  readonly mixer = new MixerForm(this.variants.optimizer);
  presetId = $state('');
  /** A pretrained weights file to start from ('' for none), for models that can load one. */
  weightsPath = $state('');
  replaceHead = $state(false);

  /** What was typed, by `section/variant`, then by field path; kept when switching variants. */
  typed = $state<Record<string, Record<string, FieldValue>>>(initialTyped(this.variants));
  training = $state<Record<string, FieldValue>>({
    ...Object.fromEntries(this.trainingFields.map((f) => [f.path, initialFieldValue(f)])),
    epochs: '5',
  });
  epsilonCapture = $state<Record<string, FieldValue>>(initialValues(this.epsilonCaptureFields));

  /** Issues the server reported, and the config they were about (they show while it is unchanged). */
  serverIssues = $state.raw<{ configJson: string; issues: FieldIssue[] } | null>(null);
  /** Set once the user tried to start the run. */
  submitted = $state(false);

  isSurface = $derived(this.datasetKind === 'surface');
  modelKind = $derived(this.isSurface ? 'point' : this.dataModelKind);
  /** Whether the chosen model can start from a PyTorch state_dict (safetensors). */
  canStartFromWeights = $derived(Boolean(modelDefinition(this.modelKind).pretrainedWeights));
  modelChoices = $derived(this.variants.model.filter((v) => (v.value === 'point') === this.isSurface));

  dataset = $derived(this.#variant('dataset', this.datasetKind));
  model = $derived(this.#variant('model', this.modelKind));
  optimizer = $derived(this.#variant('optimizer', this.optimizerType));
  lrSchedule = $derived(this.#variant('lrSchedule', this.lrScheduleType));

  datasetChoices = $derived(this.variants.dataset.map((variant) => this.#datasetChoice(variant)));

  /** The fields shown now for each part. */
  shownFields = $derived.by((): Record<Section | PlainSection, FieldSpec[]> => {
    const optimizerValues = this.typed[`optimizer/${this.optimizerType}`] ?? {};
    return {
      dataset: this.dataset.fields,
      model: this.model.fields,
      optimizer: this.optimizerMode === 'single' ? relevantFields(this.optimizer.fields, optimizerValues) : [],
      lrSchedule: this.lrSchedule.fields,
      epsilonCapture: this.epsilonCaptureFields,
      // A surface has no batches and no examples to hold out; data sets take no steps per epoch.
      training: this.trainingFields.filter((f) => (this.isSurface ? f.path !== 'batchSize' && !f.path.startsWith('validation.') : f.path !== 'stepsPerEpoch')),
    };
  });

  #built = $derived(this.#build());

  /** The config object as typed (before the schema reads it), e.g. an experiment's base; and the issues found reading the typed text. */
  get typedConfig(): { raw: Record<string, unknown>; issues: FieldIssue[] } {
    return this.#built;
  }

  #schemaResult = $derived(runConfigSchema.safeParse(this.#built.raw));

  /** The config as the schema reads it, or null while there are issues. */
  config = $derived.by((): RunConfig | null => (this.#built.issues.length === 0 && this.#schemaResult.success ? this.#schemaResult.data : null));

  /** Every issue: from reading the typed text, from the schema, and from the server. */
  issues = $derived.by((): FieldIssue[] => {
    const schemaIssues = this.#schemaResult.success ? [] : issuesFromZod(this.#schemaResult.error);
    const typed = new Set(this.#built.issues.map((i) => i.path));
    const merged = [...this.#built.issues, ...schemaIssues.filter((i) => !typed.has(i.path))];
    if (this.serverIssues && this.serverIssues.configJson === JSON.stringify(this.#built.raw)) merged.push(...this.serverIssues.issues);
    const choice = this.datasetChoices.find((c) => c.kind === this.datasetKind);
    if (choice && !choice.enabled) merged.push({ path: 'dataset.kind', message: `not available: ${choice.detail}` });
    const holdOut = this.#holdOutIssue();
    if (holdOut && !merged.some((i) => i.path === holdOut.path)) merged.push(holdOut);
    return merged;
  });

  /**
   * A validation split as large as the training set, when the form knows that set's size: a dataset
   * found at a fixed place (not one given by a path), cut to its train limit. The training process
   * checks every other case once it has loaded the data.
   */
  #holdOutIssue(): FieldIssue | null {
    const { dataset, training } = this.#built.raw as { dataset: { trainLimit?: unknown }; training: { validation?: { holdOut?: unknown } } };
    const holdOut = training.validation?.holdOut;
    const info = this.datasetInfo.find((d) => d.kind === this.datasetKind);
    const takesPath = this.dataset.fields.some((f) => f.path === 'path');
    if (typeof holdOut !== 'number' || !info?.available || info.trainCount <= 0 || takesPath || this.isSurface) return null;
    const limit = typeof dataset.trainLimit === 'number' && dataset.trainLimit > 0 ? dataset.trainLimit : Number.POSITIVE_INFINITY;
    const problem = holdOutProblem(Math.min(limit, info.trainCount), holdOut);
    return problem ? { path: holdOutPath, message: problem } : null;
  }

  /** Advice that does not block the run (e.g. MAS with λa + λs ≠ 1). */
  warnings = $derived.by(() => {
    const optimizer = optimizerConfigSchema.safeParse(this.#built.raw.optimizer);
    return optimizer.success ? optimizerConfigWarnings(optimizer.data) : [];
  });

  /** What `describeModel` needs: the model and the dataset as typed, when the model config is valid. */
  modelPreviewInput = $derived.by(() => {
    const model = modelConfigSchema.safeParse(this.#built.raw.model);
    return model.success ? { model: model.data, dataset: this.#built.raw.dataset as { kind: string } } : null;
  });

  /** The paths of the fields on the form now; an issue under none of them is shown apart. */
  fieldPaths = $derived([
    'name',
    'dataset.kind',
    'model.kind',
    { single: 'optimizer.type', fusion: 'optimizer.groups', mixer: 'optimizer.parts' }[this.optimizerMode],
    ...(this.optimizerMode === 'fusion' ? this.fusion.fieldPaths() : this.optimizerMode === 'mixer' ? this.mixer.fieldPaths() : []),
    ...(this.canStartFromWeights ? ['initialWeights'] : []),
    'lrSchedule.type',
    ...(['dataset', 'model', 'optimizer', 'lrSchedule', 'training', 'epsilonCapture'] as const).flatMap((section) => this.shownFields[section].map((f) => `${section}.${f.path}`)),
  ]);

  /** Issues that belong to no field shown on the form. */
  unplacedIssues = $derived(this.issues.filter((i) => !this.fieldPaths.some((p) => i.path === p || i.path.startsWith(`${p}.`))));

  canSubmit = $derived(this.config !== null && this.issues.length === 0);

  /** The messages for one field (its own path and the paths below it, e.g. `model.hidden.0`). */
  issuesAt(path: string): string[] {
    return this.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
  }

  value(section: Section | PlainSection, path: string): FieldValue {
    if (section === 'training') return this.training[path] ?? '';
    if (section === 'epsilonCapture') return this.epsilonCapture[path] ?? '';
    return this.typed[this.#key(section)]?.[path] ?? '';
  }

  setValue(section: Section | PlainSection, path: string, value: FieldValue): void {
    if (section === 'training') this.training[path] = value;
    else if (section === 'epsilonCapture') this.epsilonCapture[path] = value;
    else (this.typed[this.#key(section)] ??= {})[path] = value;
    if (section === 'optimizer') this.presetId = '';
  }

  setDatasets(datasets: DatasetInfo[]): void {
    this.datasetInfo = datasets;
    const current = this.datasetChoices.find((c) => c.kind === this.datasetKind);
    if (current && !current.enabled) {
      const firstEnabled = this.datasetChoices.find((c) => c.enabled);
      if (firstEnabled) this.datasetKind = firstEnabled.kind;
    }
  }

  /**
   * Fills the form from the config of an earlier run. Parts the form cannot edit (a fusion plan with
   * named blocks or a mixer in a group) keep the form's current choice, and the returned list names them.
   */
  loadConfig(config: RunConfig): string[] {
    const skipped: string[] = [];
    const load = (section: Section, value: string, source: object): boolean => {
      const variant = this.variants[section].find((v) => v.value === value);
      if (!variant) return false;
      this.typed[`${section}/${value}`] = Object.fromEntries(variant.fields.map((f) => [f.path, typedFromValue(f, getAtPath(source, f.path))]));
      return true;
    };
    if (load('dataset', config.dataset.kind, config.dataset)) this.datasetKind = config.dataset.kind;
    else skipped.push(`dataset ${config.dataset.kind}`);
    if (load('model', config.model.kind, config.model)) {
      if (config.model.kind !== 'point') this.dataModelKind = config.model.kind;
    } else skipped.push(`model ${config.model.kind}`);
    if (load('optimizer', config.optimizer.type, config.optimizer)) {
      this.optimizerType = config.optimizer.type;
      this.optimizerMode = 'single';
    } else if (config.optimizer.type === 'fusion' && this.fusion.load(config.optimizer)) {
      this.optimizerMode = 'fusion';
    } else if (config.optimizer.type === 'mixer' && this.mixer.load(config.optimizer)) {
      this.optimizerMode = 'mixer';
    } else skipped.push(`optimizer ${config.optimizer.type}`);
    if (load('lrSchedule', config.lrSchedule.type, config.lrSchedule)) this.lrScheduleType = config.lrSchedule.type;
    for (const field of this.trainingFields) this.training[field.path] = typedFromValue(field, getAtPath(config.training, field.path));
    this.epsilonCapture = config.epsilonCapture
      ? Object.fromEntries(this.epsilonCaptureFields.map((f) => [f.path, typedFromValue(f, getAtPath(config.epsilonCapture, f.path))]))
      : initialValues(this.epsilonCaptureFields);
    this.weightsPath = config.initialWeights?.path ?? '';
    this.replaceHead = config.initialWeights?.replaceHead ?? false;
    this.presetId = '';
    return skipped;
  }

  /** Fills the whole form from a set-up of the papers; the paths it names are the user's to point at their files. */
  applyRunPreset(id: string): void {
    const preset = this.runPresets.find((p) => p.id === id);
    if (!preset) return;
    this.loadConfig(runConfigSchema.parse(preset.config));
    this.runPresetId = id;
  }

  /** Fills the optimizer fields from a preset of the catalog (fields it does not set take their defaults). */
  applyPreset(id: string): void {
    const preset = this.presets.find((p) => p.id === id);
    if (!preset) return;
    const config = preset.config as OptimizerConfigInput & Record<string, unknown>;
    const variant = this.#variant('optimizer', config.type);
    const values: Record<string, FieldValue> = {};
    for (const field of variant.fields) {
      const given = config[field.path];
      values[field.path] = given === undefined ? initialFieldValue(field) : typeof given === 'boolean' ? given : Array.isArray(given) ? given.join(', ') : String(given);
    }
    this.typed[`optimizer/${config.type}`] = values;
    this.optimizerType = config.type;
    this.optimizerMode = 'single';
    this.presetId = id;
  }

  /** Records the issues the server found in the config last sent (paths made relative to the config). */
  setServerIssues(issues: FieldIssue[]): void {
    this.serverIssues = {
      configJson: JSON.stringify(this.#built.raw),
      issues: issues.map((i) => ({ path: i.path.replace(/^config\.?/, ''), message: i.message })),
    };
  }

  #key(section: Section): string {
    const variant = { dataset: this.datasetKind, model: this.modelKind, optimizer: this.optimizerType, lrSchedule: this.lrScheduleType }[section];
    return `${section}/${variant}`;
  }

  #variant(section: Section, value: string): VariantSpec {
    return this.variants[section].find((v) => v.value === value) ?? { value, title: value, description: '', fields: [] };
  }

  #datasetChoice(variant: VariantSpec): DatasetChoice {
    const info = this.datasetInfo.find((d) => d.kind === variant.value);
    const takesPath = variant.fields.some((f) => f.path === 'path');
    if (!info) return { kind: variant.value, title: variant.title, enabled: true, detail: variant.description };
    const counts = info.available && info.trainCount > 0 ? `${info.trainCount} train / ${info.testCount} test` : '';
    const detail = [counts, info.source].filter(Boolean).join(' · ');
    return { kind: variant.value, title: info.title || variant.title, enabled: info.available || takesPath, detail };
  }

  /** The raw config object (for the schema), and the issues found while reading the typed text. */
  #build(): { raw: Record<string, unknown>; issues: FieldIssue[] } {
    const issues: FieldIssue[] = [];
    const read = (section: Section | PlainSection, discriminator: [string, string] | null): Record<string, unknown> => {
      const out: Record<string, unknown> = discriminator ? { [discriminator[0]]: discriminator[1] } : {};
      for (const field of this.shownFields[section]) {
        const result = readFieldValue(field, this.value(section, field.path));
        if (!result.ok) issues.push({ path: `${section}.${field.path}`, message: result.message });
        else if (result.value !== undefined) setAtPath(out, field.path, result.value);
      }
      return out;
    };
    const name = this.name.trim();
    const raw = {
      ...(name ? { name } : {}),
      dataset: read('dataset', ['kind', this.datasetKind]),
      model: read('model', ['kind', this.modelKind]),
      optimizer:
        this.optimizerMode === 'fusion' ? this.fusion.build(issues) : this.optimizerMode === 'mixer' ? this.mixer.build(issues) : read('optimizer', ['type', this.optimizerType]),
      lrSchedule: read('lrSchedule', ['type', this.lrScheduleType]),
      training: read('training', null),
      // Left out while every field keeps its default, so the schema's default schedule applies.
      ...(this.#epsilonCaptureChanged() ? { epsilonCapture: read('epsilonCapture', null) } : {}),
      ...(this.canStartFromWeights && this.weightsPath.trim() ? { initialWeights: { path: this.weightsPath.trim(), replaceHead: this.replaceHead } } : {}),
    };
    return { raw, issues };
  }

  #epsilonCaptureChanged(): boolean {
    const initial = initialValues(this.epsilonCaptureFields);
    return this.epsilonCaptureFields.some((f) => this.epsilonCapture[f.path] !== initial[f.path]);
  }
}

function initialValues(fields: FieldSpec[]): Record<string, FieldValue> {
  return Object.fromEntries(fields.map((f) => [f.path, initialFieldValue(f)]));
}

function initialTyped(variants: Record<Section, VariantSpec[]>): Record<string, Record<string, FieldValue>> {
  const typed: Record<string, Record<string, FieldValue>> = {};
  for (const [section, list] of Object.entries(variants)) {
    for (const variant of list) typed[`${section}/${variant.value}`] = Object.fromEntries(variant.fields.map((f) => [f.path, initialFieldValue(f)]));
  }
  return typed;
}
