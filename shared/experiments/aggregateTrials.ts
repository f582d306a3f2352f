/**
 * Statistics over the trials (seeds) of one setting: per-x bands for charts (mean, std, min, max)
 * and per-run summaries (final and best value) for results tables. Pure.
 */

/** Summary statistics of some numbers. `std` is the sample standard deviation (n − 1), 0 for one value. */
export interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
  n: number;
}

export function computeStats(values: readonly number[]): Stats | null {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return null;
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), min: Math.min(...finite), max: Math.max(...finite), n };
}

/** One trial's series: x (step, epoch or seconds) ascending, and the values. */
export interface TrialSeries {
  x: readonly number[];
  y: readonly number[];
}

export interface BandPoint extends Stats {
  x: number;
}

/** Whether a larger value of the metric is better (accuracy, F1, Matthews correlation) or a smaller one (loss, perplexity, time). */
export function metricDirection(key: string): 'max' | 'min' {
  return /accuracy|acc\b|f1|mcc|samples_per_s|auc|precision|recall/i.test(key) ? 'max' : 'min';
}

/** A run's final value of a metric: its last finite epoch value (null when it has none). */
export function finalValue(values: readonly number[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return null;
}

/** Where a run's best value of a metric is in its epoch values (max or min by the metric's direction; the first such epoch), or −1 when it has none. */
export function bestValueIndex(values: readonly number[], key: string): number {
  const better = metricDirection(key);
  let index = -1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    if (index < 0 || (better === 'max' ? values[i] > values[index] : values[i] < values[index])) index = i;
  }
  return index;
}

/** A run's best value of a metric over its epochs (max or min by the metric's direction; null when it has none). */
export function bestValue(values: readonly number[], key: string): number | null {
  const index = bestValueIndex(values, key);
  return index < 0 ? null : values[index];
}

/** An epoch metric's points as the reductions below read them: epoch numbers and values, in order. */
export interface EpochSeries {
  epochs: readonly number[];
  values: readonly number[];
}

/**
 * Which value of a run's epoch series stands for it: the final one, the best one, or the one at the
 * epoch where another metric (`by`, e.g. the validation accuracy) was best — what early stopping on
 * `by` would have kept.
 */
export type EpochValueChoice = { of: 'final' } | { of: 'best' } | { of: 'atBestEpoch'; by: string };

/** A run's value of `key` by `choice` (final and best as results tables compute them), or null when it has none. */
export function epochValueOf(series: Readonly<Record<string, EpochSeries | undefined>>, key: string, choice: EpochValueChoice): number | null {
  const own = series[key];
  if (choice.of === 'final') return finalValue(own?.values ?? []);
  if (choice.of === 'best') return bestValue(own?.values ?? [], key);
  const by = series[choice.by];
  if (!own || !by) return null;
  const index = bestValueIndex(by.values, choice.by);
  if (index < 0) return null;
  const epoch = by.epochs[index];
  // The metric's last value recorded at that epoch.
  for (let i = own.epochs.length - 1; i >= 0; i--) if (own.epochs[i] === epoch) return Number.isFinite(own.values[i]) ? own.values[i] : null;
  return null;
}

/** One trial as a results table sees it: its status and the values of each metric's epoch series, in order. */
export interface TrialOutcome {
  runId: number;
  status: string;
  series: Record<string, readonly number[]>;
}

export interface MetricSummary {
  /** Statistics of each included trial's last value. */
  final: Stats | null;
  /** Statistics of each included trial's best value (max or min, by the metric's direction). */
  best: Stats | null;
}

export interface GroupSummary {
  /** Completed trials, the ones the statistics are over. */
  included: number;
  /** Trials that ended without completing (failed, diverged, cancelled, interrupted), left out, by status. */
  excluded: Record<string, number>;
  excludedCount: number;
  /** Trials still queued or training: not left out, not counted yet. */
  pending: number;
  metrics: Record<string, MetricSummary>;
}

/** Statuses of a trial that has not ended yet. */
const pendingStatuses = new Set(['queued', 'running']);

/** Why trials were left out, as a person reads it: "2 failed, 1 diverged". */
export function describeExcluded(excluded: Readonly<Record<string, number>>): string {
  return Object.entries(excluded)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

/**
 * The final and best value of each metric over the group's completed trials; trials that ended
 * otherwise are counted by status, and trials still queued or training apart from them.
 */
export function summarizeTrials(trials: readonly TrialOutcome[], metricKeys: readonly string[]): GroupSummary {
  const included = trials.filter((t) => t.status === 'completed');
  const excluded: Record<string, number> = {};
  let pending = 0;
  for (const t of trials) {
    if (t.status === 'completed') continue;
    if (pendingStatuses.has(t.status)) pending += 1;
    else excluded[t.status] = (excluded[t.status] ?? 0) + 1;
  }
  const metrics: Record<string, MetricSummary> = {};
  for (const key of metricKeys) {
    const finals: number[] = [];
    const bests: number[] = [];
    for (const t of included) {
      const values = t.series[key] ?? [];
      const final = finalValue(values);
      const best = bestValue(values, key);
      if (final !== null) finals.push(final);
      if (best !== null) bests.push(best);
    }
    metrics[key] = { final: computeStats(finals), best: computeStats(bests) };
  }
  return { included: included.length, excluded, excludedCount: trials.length - included.length - pending, pending, metrics };
}
