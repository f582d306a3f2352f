import { z } from 'zod';
import { binCount, binEdges, binIndexer, type BinSpec } from './logBins.js';

/** One parameter tensor's ẑ at one capture: log10 histogram, exact percentiles, and the share above ε. */
export const layerHistogramSchema = z.object({
  /** The parameter's name (e.g. `dense0/kernel`). */
  layer: z.string(),
  /** Elements in the tensor. */
  count: z.number().int().min(0),
  zeroCount: z.number().int().min(0),
  /** NaN and ±Infinity elements (counted apart, in no bin and no statistic). */
  nanCount: z.number().int().min(0),
  /** Positive values ≤ the first edge, and values > the last edge. */
  belowCount: z.number().int().min(0),
  aboveCount: z.number().int().min(0),
  /** Non-empty bins only, as [bin index, count] pairs in index order. */
  bins: z.array(z.tuple([z.number().int().min(0), z.number().int().min(1)])),
  /** Of the non-zero elements; null when every element is zero. */
  min: z.number().nullable(),
  max: z.number().nullable(),
  p2: z.number().nullable(),
  p50: z.number().nullable(),
  p98: z.number().nullable(),
  /** The ε the fraction is taken at (the run's), and the fraction of all elements with ẑ > ε. */
  eps: z.number().nullable(),
  fractionAboveEps: z.number().min(0).max(1).nullable(),
});
export type LayerHistogram = z.infer<typeof layerHistogramSchema>;

/**
 * Summarises the ẑ of one tensor: every element binned by log10, zeros and NaN apart; the 2nd, 50th
 * and 98th percentiles of the non-zero elements, exact (linear interpolation between order
 * statistics, as numpy); min, max; and the fraction of all elements with ẑ > eps (from the values).
 *
 * The order statistics come from the bins without sorting the tensor: the bins are ordered by value,
 * so the rank r falls in a known bin at a known offset; only the elements of the few bins that hold
 * a wanted rank are gathered and sorted.
 */
export function layerHistogram(layer: string, values: Float32Array, spec: BinSpec, eps: number | null): LayerHistogram {
  const edges = binEdges(spec);
  const indexOf = binIndexer(edges);
  const n = binCount(spec);
  // Categories 0 … n+1: 0 below the range, 1 … n the bins, n+1 above; -1 zero or NaN.
  const counts = new Float64Array(n + 2);
  const categoryOf = new Int16Array(values.length);
  let zeroCount = 0;
  let nanCount = 0;
  let above = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v || v === Infinity || v === -Infinity) {
      nanCount++;
      categoryOf[i] = -1;
      continue;
    }
    if (eps !== null && v > eps) above++;
    if (v === 0) {
      zeroCount++;
      categoryOf[i] = -1;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    const category = indexOf(v) + 1;
    categoryOf[i] = category;
    counts[category]++;
  }
  const nonZeroCount = values.length - zeroCount - nanCount;
  const bins: [number, number][] = [];
  for (let i = 1; i <= n; i++) if (counts[i] > 0) bins.push([i - 1, counts[i]]);
  const has = nonZeroCount > 0;
  const [p2, p50, p98] = has ? percentilesFromCategories(values, categoryOf, counts, nonZeroCount, [2, 50, 98]) : [null, null, null];
  return {
    layer,
    count: values.length,
    zeroCount,
    nanCount,
    belowCount: counts[0],
    aboveCount: counts[n + 1],
    bins,
    min: has ? min : null,
    max: has ? max : null,
    p2,
    p50,
    p98,
    eps,
    fractionAboveEps: eps === null || values.length === 0 ? null : above / values.length,
  };
}

/** Exact percentiles of the categorised elements (categories ordered by value, -1 left out). */
function percentilesFromCategories(
  values: Float32Array,
  categoryOf: Int16Array,
  counts: Float64Array,
  total: number,
  percentiles: readonly number[],
): number[] {
  const starts = new Float64Array(counts.length);
  for (let c = 1; c < counts.length; c++) starts[c] = starts[c - 1] + counts[c - 1];
  const categoryOfRank = (rank: number): number => {
    let lo = 0;
    let hi = counts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= rank) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const positions = percentiles.map((p) => (p / 100) * (total - 1));
  const ranks = new Set<number>();
  for (const position of positions) {
    ranks.add(Math.floor(position));
    ranks.add(Math.min(Math.floor(position) + 1, total - 1));
  }
  const wanted = new Map<number, number[]>();
  for (const rank of ranks) wanted.set(categoryOfRank(rank), []);
  for (let i = 0; i < values.length; i++) wanted.get(categoryOf[i])?.push(values[i]);
  const sorted = new Map([...wanted].map(([category, list]) => [category, Float64Array.from(list).sort()]));
  const valueAt = (rank: number): number => {
    const category = categoryOfRank(rank);
    return sorted.get(category)![rank - starts[category]];
  };
  return positions.map((position) => {
    const lower = Math.floor(position);
    const upper = Math.min(lower + 1, total - 1);
    const a = valueAt(lower);
    return a + (valueAt(upper) - a) * (position - lower);
  });
}
