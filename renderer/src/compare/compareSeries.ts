import { aggregateSeries } from '../../../shared/experiments/aggregateTrials.js';
import { emaSmooth } from '../../../shared/experiments/emaSmoothing.js';
import type { RunGroup } from '../../../shared/experiments/groupRuns.js';
import type { MetricSeries, RunSummary } from '../../../shared/runs/runTypes.js';

export type XAxis = 'step' | 'epoch' | 'time';
export type BandKind = 'minmax' | 'std' | 'none';

/** What the chart draws for one run or one group: a line and, for a group, a band around it. */
export interface CompareLine {
  id: string;
  label: string;
  color: string;
  points: { x: number; y: number }[];
  band: { x: number; lo: number; hi: number }[] | null;
  /** How many runs the line stands for. */
  runs: number;
}

export const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

/** A series' points on the chosen x-axis (epoch: fractional epochs for step metrics). */
export function seriesXY(run: RunSummary, series: MetricSeries | undefined, xAxis: XAxis): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  if (!series) return { x, y };
  const stepsPerEpoch = run.progress && run.progress.totalEpochs > 0 ? run.progress.totalSteps / run.progress.totalEpochs : 0;
  for (const p of series.points) {
    let px: number;
    if (xAxis === 'step') px = p.step;
    else if (xAxis === 'time') px = p.time;
    else if (p.epoch > 0) px = p.epoch;
    else if (stepsPerEpoch > 0) px = p.step / stepsPerEpoch;
    else continue;
    x.push(px);
    y.push(p.value);
  }
  return { x, y };
}

export interface CompareLineOptions {
  metric: string;
  xAxis: XAxis;
  smoothing: number;
  band: BandKind;
  /** Points of each group's band (trials' series are bucketed to this many x). */
  maxPoints: number;
}

/** One line per run. */
export function runLines(runs: readonly RunSummary[], seriesByRun: ReadonlyMap<number, MetricSeries[]>, options: CompareLineOptions): CompareLine[] {
  return runs.map((run, i) => {
    const { x, y } = seriesXY(run, seriesByRun.get(run.id)?.find((s) => s.key === options.metric), options.xAxis);
    const smooth = emaSmooth(y, options.smoothing);
    return { id: `run-${run.id}`, label: `#${run.id} ${run.name}`, color: palette[i % palette.length], points: x.map((px, j) => ({ x: px, y: smooth[j] })), band: null, runs: 1 };
  });
}

/**
 * One line per group: the mean over its completed trials (the others are left out, as in the
 * results table; a group with none falls back to all its runs), with a min–max or ±std band.
 */
export function groupLines(groups: readonly RunGroup[], seriesByRun: ReadonlyMap<number, MetricSeries[]>, options: CompareLineOptions): CompareLine[] {
  return groups.map((group, i) => {
    const completed = group.runs.filter((r) => r.status === 'completed');
    const members = completed.length > 0 ? completed : group.runs;
    const trials = members.map((run) => {
      const { x, y } = seriesXY(run, seriesByRun.get(run.id)?.find((s) => s.key === options.metric), options.xAxis);
      return { x, y: emaSmooth(y, options.smoothing) };
    });
    const stats = aggregateSeries(trials, options.maxPoints);
    const band =
      options.band === 'none' || members.length < 2
        ? null
        : stats.map((p) => (options.band === 'minmax' ? { x: p.x, lo: p.min, hi: p.max } : { x: p.x, lo: p.mean - p.std, hi: p.mean + p.std }));
    return {
      id: `group-${group.key}`,
      label: `${group.name} (n=${members.length})`,
      color: palette[i % palette.length],
      points: stats.map((p) => ({ x: p.x, y: p.mean })),
      band,
      runs: members.length,
    };
  });
}
