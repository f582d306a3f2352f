import { computeStats, type BandPoint, type TrialSeries } from '../experiments/aggregateTrials.js';
import type { XAxis } from './xAxis.js';

/**
 * How the trials of one setting are combined into a mean line and a band, defined for each axis:
 *
 * - step and epoch: the trials of a setting record at the same steps, so each x of the mean is one
 *   step (or epoch) and its statistics are over the trials that recorded it. When their x differ
 *   (series downsampled differently) or there are more than `gridPoints` of them, they are resampled.
 * - time: no two trials record at the same second, so each trial is resampled (linear interpolation
 *   between its own points) onto one common grid of `gridPoints` evenly spaced seconds, and every
 *   grid point's statistics are over the trials whose time span covers it.
 *
 * A trial never contributes outside the x range it recorded. Pure.
 */
export type TrialAlignment = 'shared' | 'resampled';

export const trialAlignment: Record<XAxis, TrialAlignment> = { step: 'shared', epoch: 'shared', time: 'resampled' };

export function aggregateOnAxis(trials: readonly TrialSeries[], axis: XAxis, gridPoints: number): BandPoint[] {
  const finite = trials.map(finitePart).filter((t) => t.x.length > 0);
  if (finite.length === 0) return [];
  if (trialAlignment[axis] === 'shared') {
    const shared = sharedX(finite);
    if (shared && shared.length <= gridPoints) return shared.map((x, i) => ({ x, ...computeStats(finite.map((t) => t.y[i]))! }));
    if (!shared) {
      const union = new Set(finite.flatMap((t) => t.x));
      // Trials of uneven lengths that agree where they overlap (one stopped early): per x, those that have it.
      if (union.size <= gridPoints && agreeWhereOverlapping(finite)) return perX(finite, [...union].sort((a, b) => a - b));
    }
  }
  return resampled(finite, gridPoints);
}

/** A trial's points with a finite x and y, ascending in x (a repeated x keeps its last value). */
function finitePart(trial: TrialSeries): TrialSeries {
  // Already so (a stored series): kept as it is, without a copy.
  let clean = trial.x.length === trial.y.length;
  for (let i = 0; clean && i < trial.x.length; i++) clean = Number.isFinite(trial.x[i]) && Number.isFinite(trial.y[i]) && (i === 0 || trial.x[i] > trial.x[i - 1]);
  if (clean) return trial;
  const byX = new Map<number, number>();
  for (let i = 0; i < trial.x.length; i++) if (Number.isFinite(trial.x[i]) && Number.isFinite(trial.y[i])) byX.set(trial.x[i], trial.y[i]);
  const x = [...byX.keys()].sort((a, b) => a - b);
  return { x, y: x.map((v) => byX.get(v)!) };
}

function sharedX(trials: readonly TrialSeries[]): readonly number[] | null {
  const first = trials[0].x;
  for (const t of trials) if (t.x.length !== first.length || t.x.some((x, i) => x !== first[i])) return null;
  return first;
}

/** Whether every trial's x are a prefix of the longest trial's x. */
function agreeWhereOverlapping(trials: readonly TrialSeries[]): boolean {
  const longest = trials.reduce((a, b) => (b.x.length > a.x.length ? b : a)).x;
  return trials.every((t) => t.x.every((x, i) => x === longest[i]));
}

function perX(trials: readonly TrialSeries[], xs: number[]): BandPoint[] {
  const indexes = trials.map((t) => new Map(t.x.map((x, i) => [x, i])));
  return xs.map((x) => {
    const values: number[] = [];
    trials.forEach((t, k) => {
      const i = indexes[k].get(x);
      if (i !== undefined) values.push(t.y[i]);
    });
    return { x, ...computeStats(values)! };
  });
}

/** Every trial interpolated onto `gridPoints` evenly spaced x from the earliest to the latest recorded x. */
function resampled(trials: readonly TrialSeries[], gridPoints: number): BandPoint[] {
  const lo = Math.min(...trials.map((t) => t.x[0]));
  const hi = Math.max(...trials.map((t) => t.x[t.x.length - 1]));
  const grid = Number.isFinite(gridPoints) ? gridPoints : Math.max(...trials.map((t) => t.x.length));
  const count = hi > lo ? Math.max(2, grid) : 1;
  const cursors = trials.map(() => 0);
  const out: BandPoint[] = [];
  for (let g = 0; g < count; g++) {
    const x = count === 1 ? lo : lo + ((hi - lo) * g) / (count - 1);
    const values: number[] = [];
    trials.forEach((t, k) => {
      const value = interpolateAt(t, x, cursors, k);
      if (value !== null) values.push(value);
    });
    const stats = computeStats(values);
    if (stats) out.push({ x, ...stats });
  }
  return out;
}

/** The trial's value at x by linear interpolation, or null outside its span; `cursors[k]` only moves forward. */
function interpolateAt(t: TrialSeries, x: number, cursors: number[], k: number): number | null {
  const last = t.x.length - 1;
  if (x < t.x[0] || x > t.x[last]) return null;
  let i = cursors[k];
  while (i < last && t.x[i + 1] < x) i++;
  cursors[k] = i;
  if (t.x[i] === x || i === last) return t.y[i];
  const x0 = t.x[i];
  const x1 = t.x[i + 1];
  return t.y[i] + ((t.y[i + 1] - t.y[i]) * (x - x0)) / (x1 - x0);
}
