import { aggregateOnAxis } from '../../../shared/charts/aggregateOnAxis.js';
import { seriesStyle } from '../../../shared/charts/seriesStyle.js';
import { pointsOnAxis, stepsPerEpochOf, type XAxis } from '../../../shared/charts/xAxis.js';
import { emaSmooth } from '../../../shared/experiments/emaSmoothing.js';
import type { RunGroup } from '../../../shared/experiments/groupRuns.js';
import type { MetricSeries, RunSummary } from '../../../shared/runs/runTypes.js';

export type { XAxis };
export type BandKind = 'minmax' | 'std' | 'none';

/** What the chart draws for one run or one group: a line and, for a group, a band around it. */
export interface CompareLine {
  id: string;
  label: string;
  color: string;
  /** Dash pattern (empty: solid), so 20+ lines stay distinct. */
  dash: readonly number[];
  points: { x: number; y: number }[];
  band: { x: number; lo: number; hi: number }[] | null;
  /** How many runs the line stands for. */
  runs: number;
}

/** A series' points on the chosen x-axis, as parallel arrays (see shared/charts/xAxis.ts). */
export function seriesXY(run: RunSummary, series: MetricSeries | undefined, xAxis: XAxis): { x: number[]; y: number[] } {
  if (!series) return { x: [], y: [] };
  const points = pointsOnAxis(series.points, xAxis, stepsPerEpochOf(run.progress, [series.points]));
  return { x: points.map((p) => p.x), y: points.map((p) => p.y) };
}

export interface CompareLineOptions {
  metric: string;
  xAxis: XAxis;
  smoothing: number;
  band: BandKind;
  /** Most points of a group's mean line (the grid trials are resampled onto when they need it). */
  maxPoints: number;
}

/** The run's chosen series, smoothed, on the axis. */
function trialOf(run: RunSummary, seriesByRun: ReadonlyMap<number, MetricSeries[]>, options: CompareLineOptions): { x: number[]; y: number[] } {
  const { x, y } = seriesXY(run, seriesByRun.get(run.id)?.find((s) => s.key === options.metric), options.xAxis);
  return { x, y: emaSmooth(y, options.smoothing) };
}

/** One line per run. */
export function runLines(runs: readonly RunSummary[], seriesByRun: ReadonlyMap<number, MetricSeries[]>, options: CompareLineOptions, labels?: readonly string[]): CompareLine[] {
  return runs.map((run, i) => {
    const { x, y } = trialOf(run, seriesByRun, options);
    return { id: `run-${run.id}`, label: labels?.[i] ?? `#${run.id} ${run.name}`, ...seriesStyle(i), points: x.map((px, j) => ({ x: px, y: y[j] })), band: null, runs: 1 };
  });
}

/**
 * One line per group: the mean over its completed trials (the others are left out, as in the
 * results table; a group with none shows its unfinished runs and says so), aggregated as the axis defines
 * (shared/charts/aggregateOnAxis.ts), with a min–max or ±std band.
 */
export function groupLines(groups: readonly RunGroup[], seriesByRun: ReadonlyMap<number, MetricSeries[]>, options: CompareLineOptions): CompareLine[] {
  return groups.map((group, i) => {
    const completed = group.runs.filter((r) => r.status === 'completed');
    const members = completed.length > 0 ? completed : group.runs;
    const trials = members.map((run) => trialOf(run, seriesByRun, options));
    const stats = aggregateOnAxis(trials, options.xAxis, options.maxPoints > 0 ? options.maxPoints : Number.POSITIVE_INFINITY);
    const band =
      options.band === 'none' || members.length < 2
        ? null
        : stats.map((p) => (options.band === 'minmax' ? { x: p.x, lo: p.min, hi: p.max } : { x: p.x, lo: p.mean - p.std, hi: p.mean + p.std }));
    return {
      id: `group-${group.key}`,
      // n counts the completed trials the line is the mean of; a group without one shows its unfinished runs, said so.
      label: completed.length > 0 ? `${group.name} (n=${completed.length})` : `${group.name} (n=0; ${members.length} unfinished shown)`,
      ...seriesStyle(i),
      points: stats.map((p) => ({ x: p.x, y: p.mean })),
      band,
      runs: members.length,
    };
  });
}
