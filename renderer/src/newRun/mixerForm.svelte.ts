import type { FieldIssue } from '../../../shared/errors/fieldIssue.js';
import { mixerConfigSchema, type MixerConfig } from '../../../shared/config/optimizerConfig.js';
import type { FieldSpec, FieldValue, VariantSpec } from '../ui/schemaForm/fieldSpec.js';
import { fieldsFromObject } from '../ui/schemaForm/fieldsFromSchema.js';
import { getAtPath, initialFieldValue, readFieldValue, setAtPath, typedFromValue } from '../ui/schemaForm/readFieldValue.js';
import { relevantFields } from '../ui/schemaForm/fieldRelevance.js';

/** One optimizer of a mixer as typed: its weight λk, its type and what was typed for each type tried. */
export interface MixerPartInput {
  weight: string;
  type: string;
  values: Record<string, Record<string, FieldValue>>;
}

/** The most optimizers a mixer takes (the schema's limit). */
export const maxMixerParts = 8;

/**
 * The mixer part of the New Run form: K optimizers, each chosen and set with the schema fields of
 * its type, with weights λk (w ← w − (Σ λk·ηk)·(Σ λk·dk)), and the weights' schedule, whose fields
 * are read from the mixer schema as MAS's λ schedule is from MAS's. Starts as MAS does: SGD and
 * Adam, 0.5 each.
 */
export class MixerForm {
  parts = $state<MixerPartInput[]>([]);
  /** The weight schedule as typed, by field path (`weightSchedule.steps`, …). */
  schedule = $state<Record<string, FieldValue>>({});
  /** The fields of the mixer besides its parts: the weight schedule's. */
  readonly scheduleFields: FieldSpec[] = fieldsFromObject(mixerConfigSchema, {}, ['type', 'parts']) ?? [];

  readonly #variants: VariantSpec[];

  constructor(variants: VariantSpec[]) {
    this.#variants = variants;
    this.parts = [this.#part('0.5', 'sgd'), this.#part('0.5', 'adam')];
    this.schedule = Object.fromEntries(this.scheduleFields.map((f) => [f.path, initialFieldValue(f)]));
  }

  variant(index: number): VariantSpec {
    const type = this.parts[index]?.type;
    return this.#variants.find((v) => v.value === type) ?? this.#variants[0];
  }

  /** The fields shown for a part's optimizer (MAS's variant-only fields when they apply). */
  shownFields(index: number): FieldSpec[] {
    const part = this.parts[index];
    return relevantFields(this.variant(index).fields, part.values[part.type] ?? {});
  }

  value(index: number, path: string): FieldValue {
    const part = this.parts[index];
    const typed = part.values[part.type]?.[path];
    if (typed !== undefined) return typed;
    const field = this.variant(index).fields.find((f) => f.path === path);
    return field ? initialFieldValue(field) : '';
  }

  setValue(index: number, path: string, value: FieldValue): void {
    const part = this.parts[index];
    (part.values[part.type] ??= {})[path] = value;
  }

  addPart(): void {
    if (this.parts.length < maxMixerParts) this.parts.push(this.#part('0', 'sgd'));
  }

  removePart(index: number): void {
    if (this.parts.length > 1) this.parts.splice(index, 1);
  }

  /** Fills the parts and the schedule from a mixer config; false (and nothing changed) when a part's optimizer has no form. */
  load(mixer: MixerConfig): boolean {
    const parts: MixerPartInput[] = [];
    for (const part of mixer.parts) {
      const variant = this.#variants.find((v) => v.value === part.optimizer.type);
      if (!variant) return false;
      const values = Object.fromEntries(variant.fields.map((f) => [f.path, typedFromValue(f, getAtPath(part.optimizer, f.path))]));
      parts.push({ weight: String(part.weight), type: variant.value, values: { [variant.value]: values } });
    }
    this.parts = parts;
    this.schedule = Object.fromEntries(this.scheduleFields.map((f) => [f.path, typedFromValue(f, getAtPath(mixer, f.path))]));
    return true;
  }

  /** The paths of the fields shown, relative to the run config; `at` is the mixer's path in it (a fusion group's optimizer, or `optimizer`). */
  fieldPaths(at = 'optimizer'): string[] {
    return [
      ...this.parts.flatMap((_, i) => [
        `${at}.parts.${i}.weight`,
        `${at}.parts.${i}.optimizer.type`,
        ...this.shownFields(i).map((f) => `${at}.parts.${i}.optimizer.${f.path}`),
      ]),
      ...this.scheduleFields.map((f) => `${at}.${f.path}`),
    ];
  }

  /** The mixer config as typed, adding an issue (under `at`, the mixer's path in the run config) for each field that cannot be read. */
  build(issues: FieldIssue[], at = 'optimizer'): Record<string, unknown> {
    const parts = this.parts.map((part, i) => {
      const text = part.weight.trim();
      const weight = Number(text);
      if (text === '' || !Number.isFinite(weight)) issues.push({ path: `${at}.parts.${i}.weight`, message: 'a weight from 0 to 1, e.g. 0.5' });
      const optimizer: Record<string, unknown> = { type: part.type };
      for (const field of this.shownFields(i)) {
        const result = readFieldValue(field, this.value(i, field.path));
        if (!result.ok) issues.push({ path: `${at}.parts.${i}.optimizer.${field.path}`, message: result.message });
        else if (result.value !== undefined) setAtPath(optimizer, field.path, result.value);
      }
      return { weight: text === '' || !Number.isFinite(weight) ? undefined : weight, optimizer };
    });
    const mixer: Record<string, unknown> = { type: 'mixer', parts };
    for (const field of this.scheduleFields) {
      const result = readFieldValue(field, this.schedule[field.path]);
      if (!result.ok) issues.push({ path: `${at}.${field.path}`, message: result.message });
      else if (result.value !== undefined) setAtPath(mixer, field.path, result.value);
    }
    return mixer;
  }

  #part(weight: string, type: string): MixerPartInput {
    return { weight, type, values: {} };
  }
}
