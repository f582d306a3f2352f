import type { FieldIssue } from '../../../../shared/errors/fieldIssue.js';
import { runConfigSchema } from '../../../../shared/config/runConfig.js';
import type { ExperimentConfig, ExperimentConfigInput, SweepOption } from '../../../../shared/experiments/experimentConfig.js';
import { NewRunForm } from '../../newRun/newRunForm.svelte.js';
import { relevantFields } from '../../ui/schemaForm/fieldRelevance.js';
import type { FieldSpec, FieldValue, VariantSpec } from '../../ui/schemaForm/fieldSpec.js';
import { getAtPath, initialFieldValue, readFieldValue, setAtPath, typedFromValue } from '../../ui/schemaForm/readFieldValue.js';
import { readValueList, valueListText } from './typedValueList.js';

/** One field's values as typed: a list, a range (from, to, step) or a log range (from, to, count). */
export interface FieldAxisInput {
  path: string;
  mode: 'list' | 'range' | 'log';
  values: string;
  from: string;
  to: string;
  step: string;
  count: string;
}

/** A field computed from another: path = offset + scale × from (λs = 1 − λa). */
export interface LinkedInput {
  path: string;
  from: string;
  scale: string;
  offset: string;
}

/** One optimizer of an optimizers axis: its type and fields as typed (per type tried), its own grid and linked fields, its label. */
export interface OptionInput {
  label: string;
  type: string;
  values: Record<string, Record<string, FieldValue>>;
  axes: FieldAxisInput[];
  linked: LinkedInput[];
}

export type AxisInput = { kind: 'field'; field: FieldAxisInput } | { kind: 'optimizers'; options: OptionInput[] };

/** A field of the base config an axis can sweep, by its path in the run config. */
export interface AxisFieldChoice {
  path: string;
  label: string;
  field: FieldSpec;
}

export function newFieldAxis(path = ''): FieldAxisInput {
  return { path, mode: 'list', values: '', from: '', to: '', step: '', count: '' };
}

export function newLinked(path = '', from = '', scale = '-1', offset = '1'): LinkedInput {
  return { path, from, scale, offset };
}

/**
 * The sweep builder of the Experiments page: the base config is the New Run form itself (the same
 * schema-driven fields); axes sweep its fields (values listed, or a range or log range), or whole
 * optimizers made with the optimizer fields, each with a grid of its own (MAS over λa with λs = 1 − λa);
 * linked fields; trials as a count or a list of seeds; and labels of the settings. It makes the
 * experiment config the services expand, and loads one back (the JSON view round-trips through it).
 */
export class SweepBuilder {
  readonly base = new NewRunForm();
  readonly optimizerVariants: VariantSpec[] = this.base.variants.optimizer;

  name = $state('MAS λ study');
  axes = $state<AxisInput[]>([]);
  linked = $state<LinkedInput[]>([]);
  trialsMode = $state<'count' | 'seeds'>('count');
  trialCount = $state('3');
  firstSeed = $state('0');
  seedsText = $state('0, 1, 2');
  /** Display labels typed for settings, by setting index. */
  labels = $state<Record<string, string>>({});

  /** The base config's fields an axis or linked field can name (those on the form now). */
  axisFieldChoices = $derived.by((): AxisFieldChoice[] =>
    (['dataset', 'model', 'optimizer', 'training'] as const).flatMap((section) =>
      this.base.shownFields[section]
        .filter((field) => !(section === 'training' && field.path === 'seed'))
        .map((field) => ({ path: `${section}.${field.path}`, label: `${section} · ${field.label}`, field })),
    ),
  );

  hasOptimizersAxis = $derived(this.axes.some((a) => a.kind === 'optimizers'));

  built = $derived(this.#build());

  /** The fields of an option's optimizer that matter for what is typed (MAS's variant-only fields when they apply). */
  optionFields(option: OptionInput): FieldSpec[] {
    return relevantFields(this.#variant(option.type).fields, this.#optionValues(option));
  }

  optionValue(option: OptionInput, path: string): FieldValue {
    return this.#optionValues(option)[path] ?? '';
  }

  setOptionValue(option: OptionInput, path: string, value: FieldValue): void {
    (option.values[option.type] ??= this.#initialValues(option.type))[path] = value;
  }

  /** A new optimizer of an optimizers axis, its fields at their defaults (Adam unless said). */
  newOption(type = 'adam'): OptionInput {
    return { label: '', type, values: { [type]: this.#initialValues(type) }, axes: [], linked: [] };
  }

  addFieldAxis(): void {
    this.axes.push({ kind: 'field', field: newFieldAxis(this.axisFieldChoices[0]?.path ?? '') });
  }

  addOptimizersAxis(): void {
    this.axes.push({ kind: 'optimizers', options: [this.newOption('adam'), this.newOption('sgd')] });
  }

  removeAxis(index: number): void {
    this.axes.splice(index, 1);
  }

  /** The issues of the builder's own inputs whose path starts with `prefix`. */
  issuesAt(prefix: string): string[] {
    return this.built.issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`)).map((i) => i.message);
  }

  #variant(type: string): VariantSpec {
    return this.optimizerVariants.find((v) => v.value === type) ?? { value: type, title: type, description: '', fields: [] };
  }

  #initialValues(type: string): Record<string, FieldValue> {
    return Object.fromEntries(this.#variant(type).fields.map((f) => [f.path, initialFieldValue(f)]));
  }

  #optionValues(option: OptionInput): Record<string, FieldValue> {
    return option.values[option.type] ?? this.#initialValues(option.type);
  }

  #readFieldAxis(axis: FieldAxisInput, field: FieldSpec | undefined, at: string, issues: FieldIssue[]): Record<string, unknown> | null {
    if (!axis.path) {
      issues.push({ path: `${at}.path`, message: 'choose a field' });
      return null;
    }
    if (axis.mode === 'list') {
      const read = readValueList(field, axis.values);
      if (!read.ok) {
        issues.push({ path: `${at}.values`, message: read.message });
        return null;
      }
      return { path: axis.path, values: read.values };
    }
    const numbers: Record<string, number> = {};
    for (const key of axis.mode === 'range' ? (['from', 'to', 'step'] as const) : (['from', 'to', 'count'] as const)) {
      const value = Number(axis[key].trim());
      if (axis[key].trim() === '' || !Number.isFinite(value)) issues.push({ path: `${at}.${key}`, message: 'a number' });
      numbers[key] = value;
    }
    return axis.mode === 'range' ? { path: axis.path, range: numbers } : { path: axis.path, logRange: numbers };
  }

  #readLinked(link: LinkedInput, at: string, issues: FieldIssue[]): Record<string, unknown> | null {
    const scale = Number(link.scale);
    const offset = Number(link.offset);
    if (!link.path) issues.push({ path: `${at}.path`, message: 'choose the field to compute' });
    if (!link.from) issues.push({ path: `${at}.from`, message: 'choose the field it is computed from' });
    if (!Number.isFinite(scale) || link.scale.trim() === '') issues.push({ path: `${at}.scale`, message: 'a number' });
    if (!Number.isFinite(offset) || link.offset.trim() === '') issues.push({ path: `${at}.offset`, message: 'a number' });
    return link.path && link.from ? { path: link.path, from: link.from, scale, offset } : null;
  }

  /** The experiment config as typed, and the issues of the builder's inputs (paths as in the config). */
  #build(): { config: ExperimentConfigInput; issues: FieldIssue[] } {
    const issues: FieldIssue[] = [];
    const typed = this.base.typedConfig;
    // The base's own issues (its fields show them); an optimizers axis replaces the base's optimizer.
    for (const issue of [...typed.issues, ...this.base.issues]) {
      if (this.hasOptimizersAxis && issue.path.startsWith('optimizer')) continue;
      if (!issues.some((i) => i.path === `base.${issue.path}`)) issues.push({ path: `base.${issue.path}`, message: issue.message });
    }
    const base: Record<string, unknown> = { ...typed.raw };
    delete base.name;
    const choices = new Map(this.axisFieldChoices.map((c) => [c.path, c.field]));
    const axes = this.axes.flatMap((axis, i): Record<string, unknown>[] => {
      const at = `sweep.axes.${i}`;
      if (axis.kind === 'field') {
        const read = this.#readFieldAxis(axis.field, choices.get(axis.field.path), at, issues);
        return read ? [read] : [];
      }
      if (axis.options.length === 0) issues.push({ path: `${at}.options`, message: 'add at least one optimizer' });
      const options = axis.options.map((option, k) => {
        const optionAt = `${at}.options.${k}`;
        const value: Record<string, unknown> = { type: option.type };
        const fields = this.optionFields(option);
        for (const field of fields) {
          const result = readFieldValue(field, this.optionValue(option, field.path));
          if (!result.ok) issues.push({ path: `${optionAt}.value.${field.path}`, message: result.message });
          else if (result.value !== undefined) setAtPath(value, field.path, result.value);
        }
        const byPath = new Map(fields.map((f) => [f.path, f]));
        const subAxes = option.axes.flatMap((sub, j) => {
          const read = this.#readFieldAxis(sub, byPath.get(sub.path), `${optionAt}.axes.${j}`, issues);
          return read ? [read] : [];
        });
        const linked = option.linked.flatMap((link, j) => {
          const read = this.#readLinked(link, `${optionAt}.linked.${j}`, issues);
          return read ? [read] : [];
        });
        return { ...(option.label.trim() ? { label: option.label.trim() } : {}), value, axes: subAxes, linked };
      });
      return [{ path: 'optimizer', options }];
    });
    const linked = this.linked.flatMap((link, i) => {
      const read = this.#readLinked(link, `sweep.linked.${i}`, issues);
      return read ? [read] : [];
    });
    let trials: ExperimentConfigInput['trials'];
    if (this.trialsMode === 'count') {
      const count = Number(this.trialCount);
      const firstSeed = Number(this.firstSeed);
      if (!Number.isInteger(count) || count < 1) issues.push({ path: 'trials.count', message: 'a whole number of seeds, at least 1' });
      if (!Number.isInteger(firstSeed) || firstSeed < 0) issues.push({ path: 'trials.firstSeed', message: 'a seed, 0 or more' });
      trials = { count, firstSeed };
    } else {
      const seeds = this.seedsText.split(/[\s,]+/).filter((s) => s !== '').map(Number);
      if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s) || s < 0)) issues.push({ path: 'trials.seeds', message: 'seeds separated by commas, e.g. 0, 1, 2' });
      trials = { seeds };
    }
    const labels = Object.fromEntries(Object.entries(this.labels).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
    const config: ExperimentConfigInput = {
      name: this.name,
      base,
      sweep: { axes, linked } as NonNullable<ExperimentConfigInput['sweep']>,
      trials,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
    };
    return { config, issues };
  }

  /**
   * Fills the builder from an experiment config (the JSON view's "apply"). Returns what it cannot
   * show (zipped axes, an options axis of another section, optimizers the form cannot edit); then
   * nothing is changed.
   */
  load(config: ExperimentConfig): string[] {
    const problems: string[] = [];
    const base = runConfigSchema.safeParse({ ...config.base, training: { ...((config.base.training as object | undefined) ?? {}) } });
    if (!base.success) return [`the base config is not a valid run config: ${base.error.issues[0]?.message ?? ''}`];
    const fieldAxis = (axis: { path: string } & ({ values: unknown[] } | { range: { from: number; to: number; step: number } } | { logRange: { from: number; to: number; count: number } }), field: FieldSpec | undefined): FieldAxisInput => {
      const input = newFieldAxis(axis.path);
      if ('values' in axis) input.values = valueListText(field, axis.values);
      else if ('range' in axis) Object.assign(input, { mode: 'range', from: String(axis.range.from), to: String(axis.range.to), step: String(axis.range.step) });
      else Object.assign(input, { mode: 'log', from: String(axis.logRange.from), to: String(axis.logRange.to), count: String(axis.logRange.count) });
      return input;
    };
    const linkedInput = (l: { path: string; from: string; scale: number; offset: number }) => newLinked(l.path, l.from, String(l.scale), String(l.offset));
    const loadOption = (option: SweepOption): OptionInput | null => {
      const type = String(option.value.type ?? '');
      const variant = this.optimizerVariants.find((v) => v.value === type);
      if (!variant) return null;
      const values = Object.fromEntries(variant.fields.map((f) => [f.path, typedFromValue(f, getAtPath(option.value, f.path))]));
      const byPath = new Map(variant.fields.map((f) => [f.path, f]));
      return { label: option.label ?? '', type, values: { [type]: values }, axes: option.axes.map((a) => fieldAxis(a, byPath.get(a.path))), linked: option.linked.map(linkedInput) };
    };
    for (const axis of config.sweep.axes) {
      if ('paths' in axis) problems.push(`zipped fields (${axis.paths.join(', ')})`);
      else if ('options' in axis) {
        if (axis.path !== 'optimizer') problems.push(`options of ${axis.path}`);
        if (axis.options.some((o) => loadOption(o) === null)) problems.push('an optimizer the form cannot edit (a mixer or fusion plan)');
      }
    }
    if (problems.length > 0) return problems;
    const skipped = this.base.loadConfig(base.data);
    if (skipped.length > 0) return skipped.map((s) => `the base ${s} cannot be edited in the form`);
    const axes = config.sweep.axes.map((axis): AxisInput =>
      'options' in axis
        ? { kind: 'optimizers', options: axis.options.map((o) => loadOption(o)!) }
        : { kind: 'field', field: fieldAxis(axis as Parameters<typeof fieldAxis>[0], this.axisFieldChoices.find((c) => c.path === (axis as { path: string }).path)?.field) },
    );
    if (problems.length > 0) return problems;
    this.name = config.name;
    this.axes = axes;
    this.linked = config.sweep.linked.map(linkedInput);
    if ('seeds' in config.trials) {
      this.trialsMode = 'seeds';
      this.seedsText = config.trials.seeds.join(', ');
    } else {
      this.trialsMode = 'count';
      this.trialCount = String(config.trials.count);
      this.firstSeed = String(config.trials.firstSeed);
    }
    this.labels = { ...(config.labels ?? {}) };
    return [];
  }
}
