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

/**
 * The band of a group of trials: at each x, the statistics of the trials that have a value there
 * (trials of uneven lengths simply stop contributing where they end; non-finite values are left
 * out). When the trials have more distinct x than `maxPoints` (> 0) — e.g. downsampled series whose
 * steps differ — x is cut into `maxPoints` equal buckets and each trial contributes the mean of its
 * values in a bucket, placed at the mean x of the bucket's points.
 */
export function aggregateSeries(trials: readonly TrialSeries[], maxPoints = 0): BandPoint[] {
  const xs = new Set<number>();
  for (const t of trials) for (let i = 0; i < t.x.length; i++) if (Number.isFinite(t.y[i])) xs.add(t.x[i]);
  const distinct = [...xs].sort((a, b) => a - b);
  if (distinct.length === 0) return [];
  if (maxPoints <= 0 || distinct.length <= maxPoints) {
    const byX = new Map<number, number[]>(distinct.map((x) => [x, []]));
    for (const t of trials) {
      // A trial with repeated x (should not happen) contributes its last value there.
      const own = new Map<number, number>();
      for (let i = 0; i < t.x.length; i++) if (Number.isFinite(t.y[i])) own.set(t.x[i], t.y[i]);
      for (const [x, y] of own) byX.get(x)!.push(y);
    }
    return distinct.map((x) => ({ x, ...computeStats(byX.get(x)!)! }));
  }
  const lo = distinct[0];
  const hi = distinct[distinct.length - 1];
  const width = (hi - lo) / maxPoints || 1;
  const bucketOf = (x: number) => Math.min(maxPoints - 1, Math.floor((x - lo) / width));
  const values: number[][] = Array.from({ length: maxPoints }, () => []);
  const xSum = new Array<number>(maxPoints).fill(0);
  const xCount = new Array<number>(maxPoints).fill(0);
  for (const t of trials) {
    const sum = new Map<number, { s: number; n: number }>();
    for (let i = 0; i < t.x.length; i++) {
      if (!Number.isFinite(t.y[i])) continue;
      const b = bucketOf(t.x[i]);
      const acc = sum.get(b) ?? { s: 0, n: 0 };
      acc.s += t.y[i];
      acc.n += 1;
      sum.set(b, acc);
      xSum[b] += t.x[i];
      xCount[b] += 1;
    }
    for (const [b, acc] of sum) values[b].push(acc.s / acc.n);
  }
  const out: BandPoint[] = [];
  for (let b = 0; b < maxPoints; b++) if (values[b].length > 0) out.push({ x: xSum[b] / xCount[b], ...computeStats(values[b])! });
  return out;
}

/** Whether a larger value of the metric is better (accuracy, F1) or a smaller one (loss, perplexity, time). */
export function metricDirection(key: string): 'max' | 'min' {
  return /accuracy|acc\b|f1|samples_per_s|auc|precision|recall/i.test(key) ? 'max' : 'min';
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
  /** Trials left out (not completed: failed, diverged, cancelled, interrupted, or still going), by status. */
  excluded: Record<string, number>;
  excludedCount: number;
  metrics: Record<string, MetricSummary>;
}

/** The final and best value of each metric over the group's completed trials; the others are counted. */
export function summarizeTrials(trials: readonly TrialOutcome[], metricKeys: readonly string[]): GroupSummary {
  const included = trials.filter((t) => t.status === 'completed');
  const excluded: Record<string, number> = {};
  for (const t of trials) if (t.status !== 'completed') excluded[t.status] = (excluded[t.status] ?? 0) + 1;
  const metrics: Record<string, MetricSummary> = {};
  for (const key of metricKeys) {
    const better = metricDirection(key);
    const finals: number[] = [];
    const bests: number[] = [];
    for (const t of included) {
      const values = (t.series[key] ?? []).filter((v) => Number.isFinite(v));
      if (values.length === 0) continue;
      finals.push(values[values.length - 1]);
      bests.push(better === 'max' ? Math.max(...values) : Math.min(...values));
    }
    metrics[key] = { final: computeStats(finals), best: computeStats(bests) };
  }
  return { included: included.length, excluded, excludedCount: trials.length - included.length, metrics };
}
