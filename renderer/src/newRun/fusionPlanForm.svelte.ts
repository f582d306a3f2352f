import type { FieldIssue } from '../../../shared/errors/fieldIssue.js';
import type { FusionConfig } from '../../../shared/config/optimizerConfig.js';
import type { FieldSpec, FieldValue, VariantSpec } from '../ui/schemaForm/fieldSpec.js';
import { getAtPath, initialFieldValue, readFieldValue, setAtPath, typedFromValue } from '../ui/schemaForm/readFieldValue.js';
import { relevantFields } from '../ui/schemaForm/fieldRelevance.js';
import { MixerForm } from './mixerForm.svelte.js';

/** The group optimizer choice that makes a group's optimizer a mixer (edited by its own mixer form). */
export const mixerGroupType = 'mixer';

/** One group of a layer-wise fusion plan as typed: a range of block indices and its optimizer. */
export interface FusionGroupInput {
  from: string;
  to: string;
  type: string;
  /** What was typed for each optimizer type tried in this group. */
  values: Record<string, Record<string, FieldValue>>;
  /** The group's mixer (its parts, weights and weight schedule), made when the group first becomes one. */
  mixer?: MixerForm;
}

/**
 * The layer-wise fusion part of the New Run form (seeds 001, 002): groups of blocks, each with its
 * own optimizer and hyperparameters. Starts as seed 001's split for the default MLP: Adam on the
 * hidden blocks 0–1, SGD on the output block 2.
 */
export class FusionPlanForm {
  groups = $state<FusionGroupInput[]>([]);

  readonly #variants: VariantSpec[];

  constructor(variants: VariantSpec[]) {
    this.#variants = variants;
    this.groups = [this.#group('0', '1', 'adam'), this.#group('2', '2', 'sgd')];
  }

  variant(index: number): VariantSpec {
    const type = this.groups[index]?.type;
    return this.#variants.find((v) => v.value === type) ?? this.#variants[0];
  }

  /** The group's mixer form when its optimizer is a mixer, else null. */
  mixerOf(index: number): MixerForm | null {
    const group = this.groups[index];
    return group?.type === mixerGroupType ? (group.mixer ?? null) : null;
  }

  /** Chooses a group's optimizer type; a mixer keeps what was typed into it when the group was one before. */
  setType(index: number, type: string): void {
    const group = this.groups[index];
    if (type === mixerGroupType) group.mixer ??= new MixerForm(this.#variants);
    group.type = type;
  }

  /** The fields shown for a group's optimizer (MAS's variant-only fields when they apply; a mixer's are its form's). */
  shownFields(index: number): FieldSpec[] {
    const group = this.groups[index];
    if (group.type === mixerGroupType) return [];
    const values = group.values[group.type] ?? {};
    return relevantFields(this.variant(index).fields, values);
  }

  value(index: number, path: string): FieldValue {
    const group = this.groups[index];
    const typed = group.values[group.type]?.[path];
    if (typed !== undefined) return typed;
    const field = this.variant(index).fields.find((f) => f.path === path);
    return field ? initialFieldValue(field) : '';
  }

  setValue(index: number, path: string, value: FieldValue): void {
    const group = this.groups[index];
    (group.values[group.type] ??= {})[path] = value;
  }

  addGroup(): void {
    const last = this.groups[this.groups.length - 1];
    const next = String((Number(last?.to) || 0) + 1);
    this.groups.push(this.#group(next, next, 'sgd'));
  }

  removeGroup(index: number): void {
    if (this.groups.length > 1) this.groups.splice(index, 1);
  }

  /**
   * Fills the groups from a fusion plan; false (and nothing changed) when a group names its blocks
   * instead of a range or has an optimizer the form cannot edit.
   */
  load(plan: FusionConfig): boolean {
    const groups: FusionGroupInput[] = [];
    for (const group of plan.groups) {
      const blocks = group.blocks;
      if (typeof blocks[0] !== 'number' || typeof blocks[1] !== 'number') return false;
      if (group.optimizer.type === 'mixer') {
        const mixer = new MixerForm(this.#variants);
        if (!mixer.load(group.optimizer)) return false;
        groups.push({ from: String(blocks[0]), to: String(blocks[1]), type: mixerGroupType, values: {}, mixer });
        continue;
      }
      const variant = this.#variants.find((v) => v.value === group.optimizer.type);
      if (!variant) return false;
      const values = Object.fromEntries(variant.fields.map((f) => [f.path, typedFromValue(f, getAtPath(group.optimizer, f.path))]));
      groups.push({ from: String(blocks[0]), to: String(blocks[1]), type: variant.value, values: { [variant.value]: values } });
    }
    this.groups = groups;
    return true;
  }

  /** The paths of the fields shown, relative to the run config. */
  fieldPaths(): string[] {
    return this.groups.flatMap((_, i) => [
      `optimizer.groups.${i}.blocks`,
      `optimizer.groups.${i}.optimizer.type`,
      ...this.shownFields(i).map((f) => `optimizer.groups.${i}.optimizer.${f.path}`),
      ...(this.mixerOf(i)?.fieldPaths(`optimizer.groups.${i}.optimizer`) ?? []),
    ]);
  }

  /** The fusion optimizer config as typed, adding an issue for each field that cannot be read. */
  build(issues: FieldIssue[]): Record<string, unknown> {
    const groups = this.groups.map((group, i) => {
      const blocks = [group.from, group.to].map((text, end) => {
        const value = Number(text.trim());
        if (text.trim() === '' || !Number.isInteger(value)) {
          issues.push({ path: `optimizer.groups.${i}.blocks.${end}`, message: 'a block index (0, 1, …)' });
          return undefined;
        }
        return value;
      });
      const mixer = this.mixerOf(i);
      if (mixer) return { blocks, optimizer: mixer.build(issues, `optimizer.groups.${i}.optimizer`) };
      const optimizer: Record<string, unknown> = { type: group.type };
      for (const field of this.shownFields(i)) {
        const result = readFieldValue(field, this.value(i, field.path));
        if (!result.ok) issues.push({ path: `optimizer.groups.${i}.optimizer.${field.path}`, message: result.message });
        else if (result.value !== undefined) setAtPath(optimizer, field.path, result.value);
      }
      return { blocks, optimizer };
    });
    return { type: 'fusion', groups };
  }

  #group(from: string, to: string, type: string): FusionGroupInput {
    return { from, to, type, values: {} };
  }
}
