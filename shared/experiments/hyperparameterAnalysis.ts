import { flattenLeaves } from './configPath.js';
import { differingParams } from './differenceLabels.js';

/**
 * Hyperparameter analysis of a sweep (TensorBoard's HParams, W&B's parallel coordinates): the config
 * fields that vary between runs, each as an axis (numbers linear or log, other values as categories),
 * a metric as the last axis, and where each run lies on each. Pure.
 */

export interface AnalysisRun {
  id: number;
  label: string;
  config: unknown;
  /** The metric values of the run (e.g. its last epoch's). */
  metrics: Readonly<Record<string, number>>;
}

export interface AnalysisAxis {
  /** The config field's dotted path, or the metric's key. */
  key: string;
  label: string;
  kind: 'number' | 'category';
  log: boolean;
  min: number;
  max: number;
  /** The values of a category axis, in order of appearance. */
  categories: string[];
}

/** Fields that differ between the trials of one setting, never a hyperparameter. */
const trialFields = ['name', 'training.seed'];

/** Fields read on a log scale whatever their spread (learning rates, ε, weight decay). */
const logFieldNames = /^(lr|eps|epsilon|weightDecay|lrAdam|lrSgd)$/;

function categoryOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether a numeric field reads better on a log axis: a learning rate or ε, or positive values spanning two decades or more. */
export function prefersLog(path: string, values: readonly number[]): boolean {
  const positive = values.length > 0 && values.every((v) => v > 0);
  if (!positive) return false;
  const last = path.split('.').at(-1) ?? path;
  return logFieldNames.test(last) || Math.max(...values) / Math.min(...values) >= 100;
}

function numberAxis(key: string, label: string, values: readonly number[], log: boolean): AnalysisAxis {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  const min = finite.length > 0 ? Math.min(...finite) : 0;
  const max = finite.length > 0 ? Math.max(...finite) : 1;
  return { key, label, kind: 'number', log, min, max, categories: [] };
}

/**
 * The config fields whose values differ between the runs, as axes: a trial's name and seed left
 * out, and so are fields that only follow from another difference (Adam's β1 where the other runs
 * are SGD: shared/experiments/differenceLabels.ts). Sorted with the optimizer's type first.
 */
export function hyperparameterAxes(runs: readonly AnalysisRun[]): AnalysisAxis[] {
  const differing = differingParams(runs.map((r) => r.config), [...trialFields]);
  const paths = [...new Set(differing.flatMap((d) => Object.keys(d)))];
  const axes: AnalysisAxis[] = [];
  for (const path of paths) {
    const values = differing.map((d) => d[path]);
    const numbers = values.filter((v): v is number => typeof v === 'number');
    if (numbers.length === values.length) axes.push(numberAxis(path, path, numbers, prefersLog(path, numbers)));
    else axes.push({ key: path, label: path, kind: 'category', log: false, min: 0, max: 1, categories: [...new Set(values.map((v) => (v === undefined ? '–' : categoryOf(v))))] });
  }
  return axes.sort((a, b) => Number(b.key.endsWith('.type')) - Number(a.key.endsWith('.type')));
}

/** The metric as an axis over the runs that have it. */
export function metricAxis(runs: readonly AnalysisRun[], metric: string, log = false): AnalysisAxis {
  return numberAxis(metric, metric, runs.map((r) => r.metrics[metric]).filter((v): v is number => typeof v === 'number'), log);
}

/** A run's value on an axis: a config field's or the metric's. */
export function axisValue(run: AnalysisRun, axis: AnalysisAxis, leaves: Record<string, unknown> = flattenLeaves(run.config)): unknown {
  return Object.hasOwn(run.metrics, axis.key) && !Object.hasOwn(leaves, axis.key) ? run.metrics[axis.key] : leaves[axis.key];
}

/** Where a value lies on an axis, from 0 (its low end) to 1, or null when it cannot be placed (missing, non-positive on a log axis). */
export function axisPosition(axis: AnalysisAxis, value: unknown): number | null {
  if (axis.kind === 'category') {
    const index = axis.categories.indexOf(value === undefined ? '–' : categoryOf(value));
    if (index < 0) return null;
    return axis.categories.length === 1 ? 0.5 : index / (axis.categories.length - 1);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (axis.log) {
    if (value <= 0) return null;
    const lo = Math.log10(axis.min);
    const hi = Math.log10(axis.max);
    return hi === lo ? 0.5 : (Math.log10(value) - lo) / (hi - lo);
  }
  return axis.max === axis.min ? 0.5 : (value - axis.min) / (axis.max - axis.min);
}

/** Tick labels of an axis with their positions: categories, decades of a log axis, or the ends and middle. */
export function axisTicks(axis: AnalysisAxis): { label: string; position: number }[] {
  if (axis.kind === 'category') return axis.categories.map((c) => ({ label: c, position: axisPosition(axis, c)! }));
  if (axis.log && axis.max > axis.min) {
    const ticks: { label: string; position: number }[] = [];
    for (let e = Math.ceil(Math.log10(axis.min) - 1e-9); e <= Math.floor(Math.log10(axis.max) + 1e-9); e++) ticks.push({ label: `1e${e}`, position: axisPosition(axis, 10 ** e)! });
    // The ends, where they are not a decade (3e-4 … 3e-2), so the extreme values read too.
    for (const end of [axis.min, axis.max]) {
      const position = axisPosition(axis, end)!;
      if (ticks.every((t) => Math.abs(t.position - position) > 0.08)) ticks.push({ label: end.toExponential(0).replace('e+', 'e'), position });
    }
    if (ticks.length >= 2) return ticks.sort((a, b) => a.position - b.position);
  }
  const values = axis.max === axis.min ? [axis.min] : [axis.min, (axis.min + axis.max) / 2, axis.max];
  return values.map((v) => ({ label: Number(v.toPrecision(3)).toString(), position: axisPosition(axis, v)! }));
}

export interface ParallelLine {
  run: AnalysisRun;
  /** Per axis, the position (0..1), null where the run has no value. */
  positions: (number | null)[];
  /** The run's metric value, for colouring (null when it has none). */
  metric: number | null;
}

/** Parallel coordinates of the runs over the varying fields and the metric (the last axis). */
export function parallelCoordinates(runs: readonly AnalysisRun[], metric: string): { axes: AnalysisAxis[]; lines: ParallelLine[] } {
  const axes = [...hyperparameterAxes(runs), metricAxis(runs, metric)];
  const lines = runs.map((run) => {
    const leaves = flattenLeaves(run.config);
    const value = run.metrics[metric];
    return { run, positions: axes.map((axis) => axisPosition(axis, axisValue(run, axis, leaves))), metric: typeof value === 'number' && Number.isFinite(value) ? value : null };
  });
  return { axes, lines };
}

export interface ScatterPoint {
  run: AnalysisRun;
  /** The field's value (a number, or the category's index on a category axis). */
  x: number;
  y: number;
}

/** The runs as points of a metric against one field (runs without either value left out). */
export function scatterPoints(runs: readonly AnalysisRun[], axis: AnalysisAxis, metric: string): ScatterPoint[] {
  const points: ScatterPoint[] = [];
  for (const run of runs) {
    const value = axisValue(run, axis);
    const y = run.metrics[metric];
    if (typeof y !== 'number' || !Number.isFinite(y)) continue;
    if (axis.kind === 'category') {
      const index = axis.categories.indexOf(value === undefined ? '–' : categoryOf(value));
      if (index >= 0) points.push({ run, x: index, y });
    } else if (typeof value === 'number' && Number.isFinite(value) && (!axis.log || value > 0)) points.push({ run, x: value, y });
  }
  return points;
}
