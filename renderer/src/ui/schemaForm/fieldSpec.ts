/** One input of a form built from a config schema. `path` is relative to the object it belongs to. */
export type FieldSpec =
  | (FieldBase & { kind: 'number'; integer: boolean; defaultValue?: number })
  | (FieldBase & { kind: 'boolean'; defaultValue: boolean })
  | (FieldBase & { kind: 'choice'; choices: Choice[]; defaultValue?: string | number })
  | (FieldBase & { kind: 'text'; defaultValue?: string })
  /** A list of numbers typed as `256, 128`; a fixed `length` for tuples. */
  | (FieldBase & { kind: 'numberList'; integer: boolean; length?: number; defaultValue?: number[] });

interface FieldBase {
  path: string;
  label: string;
  help: string;
  /** May be left empty (the schema's default or "not set" applies). */
  optional: boolean;
  /** Shown only when the field `key` of the same object has one of `values` (from the field's description). */
  relevantWhen?: { key: string; values: readonly string[] };
}

export interface Choice {
  label: string;
  value: string | number;
}

/** What the user typed into a field: text for everything but checkboxes. */
export type FieldValue = string | boolean;

/** One choice of a discriminated union (a dataset kind, a model kind, an optimizer type) and its fields. */
export interface VariantSpec {
  value: string;
  title: string;
  description: string;
  fields: FieldSpec[];
}

/** Labels and help for fields, by field name. */
export type FieldText = Record<string, { label: string; help?: string }>;
