import { z } from 'zod';
import { backendLabel, backendSummary } from '../training/backendInfo.js';
import type { Stats } from '../experiments/aggregateTrials.js';
import { describeDataset, describeModel, describeOptimizer } from './describeRun.js';
import { metricKeys, resumableStatuses, runStatuses, type RunProgress, type RunStatus, type RunSummary } from './runTypes.js';

/**
 * How the runs list is asked for: a filter, an order and a page. The store answers all of it in
 * SQL, so the runs table of 10,000 runs reads one page at a time.
 */

const runId = z.number().int().positive();

/** A config field by dotted path (`optimizer.lr`, `model.hidden.0`), or one of the run's own fields. */
export const runFieldPathPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
export const runFieldPathSchema = z.string().trim().max(200).regex(runFieldPathPattern, 'a dotted path such as optimizer.lr or model.hidden.0');

/** Which runs: every condition given must hold. */
export const runQueryFilterSchema = z
  .object({
    /** Every word occurs in the run's id, name, dataset, model, optimizer or status (case-insensitive). */
    text: z.string().max(500).optional(),
    statuses: z.array(z.enum(runStatuses)).max(runStatuses.length).optional(),
    /** The dataset's kind, the model's kind, the optimizer's type. */
    dataset: z.string().max(100).optional(),
    model: z.string().max(100).optional(),
    optimizer: z.string().max(100).optional(),
    tag: z.string().max(100).optional(),
    experimentId: runId.optional(),
    ids: z.array(runId).max(10_000).optional(),
    /** A config field (or status, name, seed, tags, experimentId) whose value, as text, contains `contains`. */
    field: z.object({ path: runFieldPathSchema, contains: z.string().max(500) }).strict().optional(),
    /** The latest value of an epoch metric lies within [min, max]. */
    metric: z.object({ key: z.string().min(1).max(200), min: z.number().optional(), max: z.number().optional() }).strict().optional(),
  })
  .strict();
export type RunQueryFilter = z.infer<typeof runQueryFilterSchema>;

/** The runs table's columns that sort. */
export const runsSortColumns = ['id', 'name', 'dataset', 'model', 'optimizer', 'status', 'testAccuracy', 'loss', 'createdAt'] as const;
export type RunsSortColumn = (typeof runsSortColumns)[number];

/** A custom column of the runs table: `config.<dotted path>` (a config field) or `metric:<key>` (an epoch metric's latest value). */
export const runColumnKeySchema = z.union([
  z.string().regex(/^config\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, 'config.<dotted path>'),
  z.string().regex(/^metric:.{1,200}$/, 'metric:<key>'),
]);
export type RunColumnKey = z.infer<typeof runColumnKeySchema>;

/** A column, `config.<dotted path>` (a config field) or `metric:<key>` (an epoch metric's latest value). */
export const runSortKeySchema = z.union([z.enum(runsSortColumns), runColumnKeySchema]);
export type RunSortKey = z.infer<typeof runSortKeySchema>;

/** Runs without a value to sort by (no metric yet) come last in either direction; ties go newest first. */
export const runSortSchema = z.object({ by: runSortKeySchema, descending: z.boolean() }).strict();
export type RunSort = z.infer<typeof runSortSchema>;

export const defaultRunSort: RunSort = { by: 'id', descending: true };

export const runQuerySchema = z
  .object({
    filter: runQueryFilterSchema.default({}),
    sort: runSortSchema.default(defaultRunSort),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    /** Custom columns whose values each row of the page carries (`extra`, by key). */
    columns: z.array(runColumnKeySchema).max(20).default([]),
  })
  .strict();
export type RunQuery = z.infer<typeof runQuerySchema>;

/** A custom column's value in a row: a config field's (text for lists and sections) or a metric's. */
export type RunColumnValue = string | number | boolean | null;

/** A custom column's value of a run known in full (a run event), as the store's SQL reads it. */
export function runColumnValue(run: Pick<RunSummary, 'config' | 'lastMetrics'>, key: RunColumnKey): RunColumnValue {
  if (key.startsWith('metric:')) return finiteOrNull(run.lastMetrics[key.slice('metric:'.length)]);
  let node: unknown = run.config;
  for (const part of key.slice('config.'.length).split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  if (node === undefined || node === null) return null;
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return node;
  return JSON.stringify(node);
}

/** What the runs table shows of a run: no config, only its short descriptions. */
export interface RunListItem {
  id: number;
  name: string;
  status: RunStatus;
  createdAt: string;
  progress: RunProgress | null;
  dataset: string;
  model: string;
  optimizer: string;
  tags: string[];
  hasNotes: boolean;
  testAccuracy: number | null;
  /** Test loss, or the training loss when there is none. */
  loss: number | null;
  /** The epoch the run can resume after (a stopped run with a checkpoint), else null. */
  resumableEpoch: number | null;
  experimentId: number | null;
  /** Where it trained: the backend and, on webgpu, the adapter (`webgpu · llvmpipe (software)`); null before it started. */
  backend: string | null;
  /** When the run did not get the backend it asked for: what it asked for and why (else null). */
  backendNote: string | null;
  /** The values of the custom columns asked for, by column key. */
  extra?: Record<string, RunColumnValue>;
}

export interface RunPage {
  offset: number;
  /** How many runs match the filter. */
  total: number;
  rows: RunListItem[];
}

/** Counts and distinct values over the runs that match a filter (all runs without one). */
export interface RunFacets {
  total: number;
  statuses: Partial<Record<RunStatus, number>>;
  datasets: string[];
  models: string[];
  optimizers: string[];
  tags: string[];
}

/** The runs sharing one value of a field, summarised over their completed runs. */
export interface RunGroupSummary {
  key: string;
  runs: number;
  completed: number;
  accuracy: Stats | null;
  loss: Stats | null;
  /** The group's run ids, newest first. */
  runIds: number[];
}

function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** The parts of a run its list item is made of. */
export type RunListSource = Pick<RunSummary, 'id' | 'name' | 'status' | 'createdAt' | 'progress' | 'lastMetrics' | 'tags' | 'notes' | 'checkpoint' | 'experimentId' | 'backend'> & {
  config: Pick<RunSummary['config'], 'dataset' | 'model' | 'optimizer'>;
};

/** A run as the runs table lists it. */
export function runListItem(run: RunListSource): RunListItem {
  const metrics = run.lastMetrics;
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    createdAt: run.createdAt,
    progress: run.progress,
    dataset: describeDataset(run.config.dataset),
    model: describeModel(run.config.model),
    optimizer: describeOptimizer(run.config.optimizer),
    tags: run.tags ?? [],
    hasNotes: Boolean(run.notes),
    testAccuracy: finiteOrNull(metrics[metricKeys.testAccuracy]),
    loss: finiteOrNull(metrics[metricKeys.testLoss] ?? metrics[metricKeys.trainLoss]),
    resumableEpoch: resumableStatuses.includes(run.status) ? (run.checkpoint?.epoch ?? null) : null,
    experimentId: run.experimentId ?? null,
    backend: run.backend ? backendLabel(run.backend) : null,
    backendNote: run.backend?.fallbackReason ? backendSummary(run.backend) : null,
  };
}
