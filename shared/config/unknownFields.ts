import type { z } from 'zod';

/**
 * Explains the fields a strict schema refused (zod's `unrecognized_keys` issues): each unknown field
 * becomes one issue at its own path, saying where a field of that name belongs when it belongs
 * elsewhere ("training.lrSchedule is not a field of training; lrSchedule belongs at the top level")
 * or which field of the same object was meant ("optimizer.learningRate is not a field of optimizer;
 * did you mean lr?"). Works for any schema: the fields are read from the schema itself. Pure.
 */

/** An issue as the API reports it: a dotted path and a message. */
export interface ExplainedIssue {
  path: string;
  message: string;
}

/** Names people write for a field under another name (compared without case, `_` or `-`). */
const aliases: Record<string, string[]> = {
  lr: ['learningrate', 'learnrate', 'rate', 'eta', 'stepsize', 'alpha'],
  eps: ['epsilon'],
  weightDecay: ['decay', 'wd', 'l2'],
  beta1: ['b1'],
  beta2: ['b2'],
  epochs: ['epoch', 'numepochs', 'nepochs'],
  batchSize: ['batch', 'bs'],
  hidden: ['hiddenlayers', 'layersizes', 'units'],
  lrSchedule: ['schedule', 'scheduler', 'lrscheduler'],
};

/** The dotted path with array indices as `*` (how field patterns are keyed). */
function pattern(parts: readonly PropertyKey[]): string {
  return parts.map((p) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? '*' : String(p))).join('.');
}

type Def = { type: string; [key: string]: unknown };

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** The literal values of an object's `type` or `kind` field (how union options are told apart). */
function tagValues(shape: Record<string, unknown>): string[] {
  for (const name of ['type', 'kind']) {
    const def = defOf(shape[name]);
    if (def?.type === 'literal') return (def.values as unknown[]).map(String);
  }
  return [];
}

/** The `type` or `kind` of an object value, if it has one. */
function tagOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const tag = (value as Record<string, unknown>).type ?? (value as Record<string, unknown>).kind;
  return typeof tag === 'string' ? tag : undefined;
}

/**
 * Every object's field names in a schema, keyed by the object's path pattern ('' for the top; the
 * options of a union together), and each tagged option's alone under `pattern#tag`.
 */
export function fieldsBySchemaPath(schema: z.ZodType): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  /** The objects and lazy schemas being visited (a recursive schema is walked once down each path). */
  const open = new Set<unknown>();
  const visit = (node: unknown, at: string[]): void => {
    const def = defOf(node);
    if (!def) return;
    switch (def.type) {
      case 'object': {
        if (open.has(node)) return;
        open.add(node);
        const shape = def.shape as Record<string, unknown>;
        const own = fields.get(pattern(at)) ?? new Set<string>();
        fields.set(pattern(at), own);
        // One option of a union told apart by a literal `type` or `kind`: its own fields too, as `path#value`.
        for (const tag of tagValues(shape)) fields.set(`${pattern(at)}#${tag}`, new Set(Object.keys(shape)));
        for (const [name, inner] of Object.entries(shape)) {
          own.add(name);
          visit(inner, [...at, name]);
        }
        open.delete(node);
        return;
      }
      case 'union':
        for (const option of def.options as unknown[]) visit(option, at);
        return;
      case 'intersection':
        visit(def.left, at);
        visit(def.right, at);
        return;
      case 'array':
        visit(def.element, [...at, '*']);
        return;
      case 'tuple':
        for (const item of def.items as unknown[]) visit(item, [...at, '*']);
        if (def.rest) visit(def.rest, [...at, '*']);
        return;
      case 'record':
        visit(def.valueType, [...at, '*']);
        return;
      case 'pipe':
        visit(def.in, at);
        return;
      case 'lazy':
        if (open.has(node)) return;
        open.add(node);
        visit((def.getter as () => unknown)(), at);
        open.delete(node);
        return;
      default:
        if ('innerType' in def) visit(def.innerType, at);
    }
  };
  visit(schema, []);
  return fields;
}

const normalize = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '');

/** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The field of `candidates` the unknown name most likely meant, if one is close enough. */
export function closestField(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = normalize(name);
  let best: { field: string; score: number } | undefined;
  for (const field of candidates) {
    const own = normalize(field);
    let score: number;
    if (own === wanted) score = 0;
    else if ((aliases[field] ?? []).includes(wanted)) score = 0.5;
    else {
      const d = distance(wanted, own);
      if (d > (Math.min(wanted.length, own.length) >= 5 ? 2 : 1)) continue;
      score = d;
    }
    if (!best || score < best.score) best = { field, score };
  }
  return best?.field;
}

/** The value at a path of a JSON value (for naming an object's kind), or undefined. */
function valueAt(root: unknown, parts: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/** "optimizer (adam)": an object's path and, when it has one, its `type` or `kind`. */
function describeParent(parentPath: string, tag: string | undefined): string {
  const name = parentPath === '' ? 'the config' : parentPath;
  return tag ? `${name} (${tag})` : name;
}

/** Where a field of this name is known, closest to the unknown field's own place first. */
function homesOf(name: string, fields: Map<string, Set<string>>, besides: string): string[] {
  const homes: string[] = [];
  for (const [at, names] of fields) if (at !== besides && !at.includes('#') && names.has(name)) homes.push(at);
  return homes.sort((a, b) => a.split('.').length - b.split('.').length || a.localeCompare(b));
}

/** One explained issue per unknown field of an `unrecognized_keys` issue. */
export function explainUnknownKeys(
  issuePath: readonly PropertyKey[],
  keys: readonly string[],
  fields: Map<string, Set<string>>,
  input?: unknown,
): ExplainedIssue[] {
  const parentPath = issuePath.map(String).join('.');
  const parentPattern = pattern(issuePath);
  const tag = tagOf(valueAt(input, issuePath));
  const anyOption = fields.get(parentPattern) ?? new Set<string>();
  const siblings = (tag !== undefined ? fields.get(`${parentPattern}#${tag}`) : undefined) ?? anyOption;
  const parent = describeParent(parentPath, tag);
  return keys.map((key) => {
    const path = parentPath ? `${parentPath}.${key}` : key;
    const head = `${path} is not a field of ${parent}`;
    const homes = homesOf(key, fields, parentPattern);
    if (anyOption.has(key) && !siblings.has(key)) return { path, message: `${head}; ${key} belongs to another ${String(issuePath.at(-1) ?? 'config')} type` };
    if (homes.length > 0) {
      const where = homes[0] === '' ? 'at the top level' : `in ${homes[0].replaceAll('*', '<n>')}`;
      return { path, message: `${head}; ${key} belongs ${where}` };
    }
    const meant = closestField(key, siblings);
    if (meant) return { path, message: `${head}; did you mean ${meant}?` };
    return { path, message: siblings.size > 0 ? `${head} (its fields: ${[...siblings].join(', ')})` : head };
  });
}

/** Every issue of a zod error as a dotted path and a message, unknown fields explained. */
export function explainIssues(error: z.ZodError, schema?: z.ZodType, input?: unknown): ExplainedIssue[] {
  let fields: Map<string, Set<string>> | undefined;
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      fields ??= schema ? fieldsBySchemaPath(schema) : new Map<string, Set<string>>();
      return explainUnknownKeys(issue.path, issue.keys, fields, input);
    }
    return [{ path: issue.path.map(String).join('.'), message: issue.message }];
  });
}
