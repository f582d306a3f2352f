import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../models/model.js';
import { tensorToFloat32, type SafetensorsFile } from './safetensors.js';
import type { WeightMapping } from './weightMapping.js';

/** A tensor whose shape (after the layout change) or type does not fit the model. */
export interface WeightMismatch {
  target: string;
  source: string;
  expected: number[];
  actual: number[];
  /** Set when the tensor is not floating point. */
  dtype?: string;
}

/** What a file lacks, has too much of, or has in the wrong shape, against a model's mapping. */
export class WeightLoadError extends Error {
  constructor(
    readonly missing: string[],
    readonly unexpected: string[],
    readonly mismatched: WeightMismatch[],
  ) {
    super(describeProblems(missing, unexpected, mismatched));
    this.name = 'WeightLoadError';
  }
}

const shown = 12;

function list(items: string[]): string {
  return items.length > shown ? `${items.slice(0, shown).join(', ')}, … (${items.length - shown} more)` : items.join(', ');
}

function describeProblems(missing: string[], unexpected: string[], mismatched: WeightMismatch[]): string {
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing keys (${missing.length}): ${list(missing)}`);
  if (unexpected.length > 0) parts.push(`unexpected keys (${unexpected.length}): ${list(unexpected)}`);
  if (mismatched.length > 0) {
    const text = mismatched.map((m) =>
      m.dtype ? `${m.source} is ${m.dtype}, not floating point` : `${m.source} → ${m.target}: file [${m.actual.join(', ')}], model [${m.expected.join(', ')}]`,
    );
    parts.push(`mismatched shapes (${mismatched.length}): ${list(text)}`);
  }
  return `the weights do not fit the model: ${parts.join('; ')}`;
}

export interface LoadWeightsOptions {
  /**
   * Keep the model's own (freshly initialised) classification head instead of the file's: for
   * another number of classes than the weights were trained for.
   */
  replaceHead?: boolean;
}

export interface LoadedWeights {
  /** How many of the model's tensors came from the file. */
  loaded: number;
  /** The head tensors left as initialised (with `replaceHead`). */
  keptHead: string[];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Fills a model's parameters and batch-norm state from a parsed safetensors file through its
 * mapping (PyTorch names and layouts → the model's), all or nothing: every tensor is checked first,
 * and any missing, unexpected or mismatched key throws a `WeightLoadError` listing all of them
 * before the model is touched.
 */
export function loadWeights(model: Model, file: SafetensorsFile, mapping: WeightMapping, options: LoadWeightsOptions = {}): LoadedWeights {
  const variables = new Map<string, tf.Variable>();
  for (const p of [...model.params, ...(model.state ?? [])]) variables.set(p.name, p.variable);
  const head = new Set(mapping.head);
  const missing: string[] = [];
  const mismatched: WeightMismatch[] = [];
  const used = new Set<string>();
  const mapped = new Set<string>();
  const values: Array<{ variable: tf.Variable; value: tf.Tensor }> = [];
  const rename = mapping.sourceKey;
  const tensors = rename ? new Map([...file.tensors].map(([key, tensor]) => [rename(key), tensor])) : file.tensors;
  try {
    for (const entry of mapping.entries) {
      const variable = variables.get(entry.target);
      if (!variable) throw new Error(`weight mapping of ${model.kind} names '${entry.target}', which the model does not have`);
      mapped.add(entry.target);
      used.add(entry.source);
      if (options.replaceHead && head.has(entry.target)) continue;
      const tensor = tensors.get(entry.source);
      if (!tensor) {
        missing.push(entry.source);
        continue;
      }
      if (!['F32', 'F16', 'BF16', 'F64'].includes(tensor.dtype)) {
        mismatched.push({ target: entry.target, source: entry.source, expected: variable.shape, actual: tensor.shape, dtype: tensor.dtype });
        continue;
      }
      const value = tf.tidy(() => {
        const torch = tf.tensor(tensorToFloat32(tensor), tensor.shape, 'float32');
        return entry.layout ? entry.layout(torch) : torch;
      });
      if (!sameShape(value.shape, variable.shape)) {
        mismatched.push({ target: entry.target, source: entry.source, expected: variable.shape, actual: tensor.shape });
        value.dispose();
        continue;
      }
      values.push({ variable, value });
    }
    const unmapped = [...variables.keys()].filter((name) => !mapped.has(name));
    if (unmapped.length > 0) throw new Error(`weight mapping of ${model.kind} leaves out ${list(unmapped)}`);
    const unexpected = [...tensors.keys()].filter((key) => !used.has(key) && !mapping.ignored(key));
    if (missing.length > 0 || unexpected.length > 0 || mismatched.length > 0) throw new WeightLoadError(missing, unexpected, mismatched);
    for (const { variable, value } of values) variable.assign(value);
    return { loaded: values.length, keptHead: options.replaceHead ? mapping.head : [] };
  } finally {
    tf.dispose(values.map((v) => v.value));
  }
}
