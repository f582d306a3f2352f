import type { FieldIssue } from '../../../shared/api/apiError.js';
import type { DatasetInfo } from '../../../shared/api/contract.js';
import { datasetConfigSchema, surfaceNames, type DatasetKind, type SurfaceName } from '../../../shared/config/datasetConfig.js';
import type { OptimizerType } from '../../../shared/config/optimizerConfig.js';
import { issuesFromZod } from '../../../shared/api/apiError.js';
import { runConfigSchema, type RunConfig } from '../../../shared/config/runConfig.js';
import { optimizerTypeFields, type OptimizerField, type OptimizerTypeFields } from './optimizerFields.js';
import { parseNumberField, parseWidthList } from './parseNumber.js';

export type ImageModelKind = 'mlp' | 'cnn';
export type FieldValue = string | boolean;

export const datasetKinds: DatasetKind[] = datasetConfigSchema.options.map((o) => o.shape.kind.value);

const datasetTitles: Record<string, string> = { 'fashion-mnist': 'Fashion-MNIST', mnist: 'MNIST', surface: 'Toy surface' };
const surfaceTitles: Record<SurfaceName, string> = { rosenbrock: 'Rosenbrock, from (3, 1)', 'abs-ridge': '|x|/10 + |y|, from (3, 2)' };

export interface DatasetChoice {
  kind: DatasetKind;
  title: string;
  available: boolean;
  /** Where the data was found, or why it is not available. */
  detail: string;
}

/**
 * The New Run form: what the user typed, the run config it makes, and the issues of that config
 * (checked with the same schema the services use), by field path.
 */
export class NewRunForm {
  readonly optimizerTypes: OptimizerTypeFields[] = optimizerTypeFields();
  readonly surfaceChoices = surfaceNames.map((name) => ({ name, title: surfaceTitles[name] ?? name }));

  datasetInfo = $state.raw<DatasetInfo[]>([]);

  name = $state('');
  datasetKind = $state<DatasetKind>('fashion-mnist');
  surface = $state<SurfaceName>('rosenbrock');
  trainLimit = $state('');
  testLimit = $state('');

  imageModelKind = $state<ImageModelKind>('mlp');
  hidden = $state('256, 128');
  activation = $state<'relu' | 'tanh' | 'sigmoid'>('relu');
  cnnChannels = $state(['16', '32']);

  optimizerType = $state<OptimizerType>('adam');
  /** Typed values per optimizer type, so switching types keeps what was entered. */
  optimizerValues = $state<Record<string, Record<string, FieldValue>>>(initialOptimizerValues(this.optimizerTypes));

  epochs = $state('5');
  batchSize = $state('128');
  stepsPerEpoch = $state('100');
  seed = $state('0');

  /** Issues the server reported, and the config they were about (they show while it is unchanged). */
  serverIssues = $state.raw<{ configJson: string; issues: FieldIssue[] } | null>(null);
  /** Set once the user tried to start the run. */
  submitted = $state(false);

  isSurface = $derived(this.datasetKind === 'surface');
  modelKind = $derived(this.isSurface ? 'point' : this.imageModelKind);
  optimizer = $derived(this.optimizerTypes.find((t) => t.type === this.optimizerType) ?? this.optimizerTypes[0]);

  datasetChoices = $derived(datasetKinds.map((kind) => this.#datasetChoice(kind)));

  #built = $derived(this.#build());
  /** The config as the schema reads it, or null while there are issues. */
  config = $derived.by((): RunConfig | null => {
    if (this.#built.issues.length > 0) return null;
    const result = runConfigSchema.safeParse(this.#built.raw);
    return result.success ? result.data : null;
  });

  /** Every issue: from typing (not a number), from the schema, and from the server. */
  issues = $derived.by((): FieldIssue[] => {
    const result = runConfigSchema.safeParse(this.#built.raw);
    const schemaIssues = result.success ? [] : issuesFromZod(result.error);
    const typed = new Set(this.#built.issues.map((i) => i.path));
    const merged = [...this.#built.issues, ...schemaIssues.filter((i) => !typed.has(i.path))];
    if (this.serverIssues && this.serverIssues.configJson === JSON.stringify(this.#built.raw)) merged.push(...this.serverIssues.issues);
    const datasetChoice = this.datasetChoices.find((c) => c.kind === this.datasetKind);
    if (datasetChoice && !datasetChoice.available) merged.push({ path: 'dataset.kind', message: `not available: ${datasetChoice.detail}` });
    return merged;
  });

  /** Advice that does not block the run. */
  warnings = $derived.by((): FieldIssue[] => {
    const values = this.optimizerValues[this.optimizerType] ?? {};
    if (this.optimizerType !== 'mas') return [];
    const la = Number(values.lambdaAdam);
    const ls = Number(values.lambdaSgd);
    if (Number.isFinite(la) && Number.isFinite(ls) && Math.abs(la + ls - 1) > 1e-9) {
      return [{ path: 'optimizer.lambdaSgd', message: `λa + λs = ${Number((la + ls).toPrecision(6))}; the paper uses λa + λs = 1` }];
    }
    return [];
  });

  /** The paths of the fields on the form now; an issue under none of them is shown apart. */
  fieldPaths = $derived([
    'name',
    'dataset.kind',
    ...(this.isSurface ? ['dataset.surface'] : ['dataset.trainLimit', 'dataset.testLimit']),
    'model.kind',
    ...(this.modelKind === 'mlp' ? ['model.hidden', 'model.activation'] : this.modelKind === 'cnn' ? ['model.channels'] : []),
    'optimizer.type',
    ...this.optimizer.fields.map((f) => `optimizer.${f.key}`),
    'training.epochs',
    this.isSurface ? 'training.stepsPerEpoch' : 'training.batchSize',
    'training.seed',
  ]);

  canSubmit = $derived(this.config !== null && this.issues.length === 0);

  /** The messages for one field (its own path and the paths below it, e.g. `model.hidden.0`). */
  issuesAt(path: string): string[] {
    return this.issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
  }

  warningsAt(path: string): string[] {
    return this.warnings.filter((i) => i.path === path).map((i) => i.message);
  }

  /** Issues that belong to no field shown on the form. */
  unplacedIssues = $derived(this.issues.filter((i) => !this.fieldPaths.some((p) => i.path === p || i.path.startsWith(`${p}.`))));

  setDatasets(datasets: DatasetInfo[]): void {
    this.datasetInfo = datasets;
    const current = this.datasetChoices.find((c) => c.kind === this.datasetKind);
    if (current && !current.available) {
      const firstAvailable = this.datasetChoices.find((c) => c.available);
      if (firstAvailable) this.datasetKind = firstAvailable.kind;
    }
  }

  setOptimizerValue(key: string, value: FieldValue): void {
    this.optimizerValues[this.optimizerType][key] = value;
  }

  /** Records the issues the server found in the config last sent (paths relative to the config). */
  setServerIssues(issues: FieldIssue[]): void {
    this.serverIssues = {
      configJson: JSON.stringify(this.#built.raw),
      issues: issues.map((i) => ({ path: i.path.replace(/^config\.?/, ''), message: i.message })),
    };
  }

  #datasetChoice(kind: DatasetKind): DatasetChoice {
    const info = this.datasetInfo.find((d) => d.kind === kind);
    const title = info?.title ?? datasetTitles[kind] ?? kind;
    if (!info) return { kind, title, available: kind === 'surface' || this.datasetInfo.length === 0, detail: '' };
    const counts = info.available && info.trainCount > 0 ? `${info.trainCount} train / ${info.testCount} test` : '';
    return { kind, title, available: info.available, detail: [counts, info.source].filter(Boolean).join(' · ') };
  }

  /** The raw config object (for the schema), and the issues found while reading the typed text. */
  #build(): { raw: Record<string, unknown>; issues: FieldIssue[] } {
    const issues: FieldIssue[] = [];
    const num = (path: string, text: string, allowEmpty = false): number | undefined => {
      const parsed = parseNumberField(text, allowEmpty);
      if (parsed.ok) return parsed.value;
      issues.push({ path, message: parsed.message });
      return undefined;
    };

    const dataset =
      this.datasetKind === 'surface'
        ? { kind: 'surface', surface: this.surface }
        : {
            kind: this.datasetKind,
            trainLimit: num('dataset.trainLimit', this.trainLimit, true),
            testLimit: num('dataset.testLimit', this.testLimit, true),
          };

    let model: Record<string, unknown>;
    if (this.modelKind === 'point') model = { kind: 'point' };
    else if (this.modelKind === 'cnn') {
      model = { kind: 'cnn', channels: this.cnnChannels.map((c, i) => num(`model.channels.${i}`, c)) };
    } else {
      const widths = parseWidthList(this.hidden);
      if (!widths.ok) issues.push({ path: 'model.hidden', message: widths.message });
      model = { kind: 'mlp', hidden: widths.ok ? widths.value : [], activation: this.activation };
    }

    const optimizer: Record<string, unknown> = { type: this.optimizerType };
    const values = this.optimizerValues[this.optimizerType] ?? {};
    for (const field of this.optimizer.fields) {
      const value = values[field.key];
      if (field.kind === 'number') {
        optimizer[field.key] = num(`optimizer.${field.key}`, String(value ?? ''), field.optional);
      } else {
        optimizer[field.key] = value;
      }
    }

    const training = {
      epochs: num('training.epochs', this.epochs),
      batchSize: this.isSurface ? undefined : num('training.batchSize', this.batchSize),
      stepsPerEpoch: this.isSurface ? num('training.stepsPerEpoch', this.stepsPerEpoch) : undefined,
      seed: num('training.seed', this.seed),
    };

    const name = this.name.trim();
    return { raw: { ...(name ? { name } : {}), dataset, model, optimizer, training }, issues };
  }
}

function initialOptimizerValues(types: OptimizerTypeFields[]): Record<string, Record<string, FieldValue>> {
  return Object.fromEntries(types.map((t) => [t.type, Object.fromEntries(t.fields.map((f) => [f.key, initialValue(f)]))]));
}

function initialValue(field: OptimizerField): FieldValue {
  if (field.kind === 'number') return field.defaultValue === undefined ? '' : String(field.defaultValue);
  return field.defaultValue;
}
