import type { RunSummary } from '../../../shared/runs/runTypes.js';
import type { SeriesPoint } from '../lib/seriesPoint.js';

/** The x-axes of a run's charts: optimizer step, epoch (fractional between epoch ends), wall time. */
export type XAxis = 'step' | 'epoch' | 'time';

export interface XAxisScale {
  /** The point field plotted along x. */
  key: 'step' | 'time';
  title: string;
  /** Distance between ticks in that field's units (undefined: Chart.js chooses). */
  stepSize: number | undefined;
  label(value: number): string;
}

/**
 * How an axis is drawn. The epoch axis plots steps and labels them in epochs (a tick every 1, 2, 5,
 * 10, … epochs, at most about 10 ticks over `epochs`), so the same points serve every axis.
 */
export function xAxisScale(axis: XAxis, stepsPerEpoch: number | null, epochs = 10): XAxisScale {
  if (axis === 'time') return { key: 'time', title: 'time (s)', stepSize: undefined, label: (v) => String(Number(v.toFixed(3))) };
  if (axis === 'epoch' && stepsPerEpoch !== null && stepsPerEpoch > 0) {
    const epochsPerTick = niceStep(epochs / 10);
    return { key: 'step', title: 'epoch', stepSize: stepsPerEpoch * epochsPerTick, label: (v) => String(Number((v / stepsPerEpoch).toFixed(2))) };
  }
  return { key: 'step', title: 'step', stepSize: undefined, label: (v) => String(v) };
}

/** The smallest of 1, 2, 5, 10, 20, 50, … that is at least `value`. */
export function niceStep(value: number): number {
  for (let scale = 1; ; scale *= 10) {
    for (const base of [1, 2, 5]) if (base * scale >= value) return base * scale;
  }
}

/**
 * Optimizer steps per epoch of a run: from its progress, else from where its first epoch metric was
 * recorded (epoch metrics are written at the last step of their epoch); null when not known yet.
 */
export function stepsPerEpochOf(run: Pick<RunSummary, 'progress'>, series: Record<string, SeriesPoint[]>): number | null {
  const progress = run.progress;
  if (progress && progress.totalEpochs > 0 && progress.totalSteps > 0) return progress.totalSteps / progress.totalEpochs;
  for (const points of Object.values(series)) {
    const first = points.find((p) => p.epoch > 0);
    if (first && first.step > 0) return first.step / first.epoch;
  }
  return null;
}
