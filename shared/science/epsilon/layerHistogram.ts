import { z } from 'zod';
import { binCount, binEdges, binIndexOf, type BinSpec } from './logBins.js';
import { percentileOfSorted } from './percentiles.js';

/** One parameter tensor's ẑ at one capture: log10 histogram, exact percentiles, and the share above ε. */
export const layerHistogramSchema = z.object({
  /** The parameter's name (e.g. `dense0/kernel`). */
  layer: z.string(),
  /** Elements in the tensor. */
  count: z.number().int().min(0),
  zeroCount: z.number().int().min(0),
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
 * and 98th percentiles of the non-zero elements from a sort (exact, not from the bins); min, max;
 * and the fraction of all elements with ẑ > eps (exact, from the values).
 */
export function layerHistogram(layer: string, values: Float32Array, spec: BinSpec, eps: number | null): LayerHistogram {
  const edges = binEdges(spec);
  const n = binCount(spec);
  const counts = new Uint32Array(n);
  const nonZero = new Float32Array(values.length);
  let nonZeroCount = 0;
  let zeroCount = 0;
  let nanCount = 0;
  let belowCount = 0;
  let aboveCount = 0;
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      nanCount++;
      continue;
    }
    if (eps !== null && v > eps) above++;
    if (v === 0) {
      zeroCount++;
      continue;
    }
    nonZero[nonZeroCount++] = v;
    const bin = binIndexOf(v, edges);
    if (bin < 0) belowCount++;
    else if (bin >= n) aboveCount++;
    else counts[bin]++;
  }
  const sorted = nonZero.subarray(0, nonZeroCount).sort();
  const bins: [number, number][] = [];
  for (let i = 0; i < n; i++) if (counts[i] > 0) bins.push([i, counts[i]]);
  const has = nonZeroCount > 0;
  return {
    layer,
    count: values.length,
    zeroCount,
    nanCount,
    belowCount,
    aboveCount,
    bins,
    min: has ? sorted[0] : null,
    max: has ? sorted[nonZeroCount - 1] : null,
    p2: has ? percentileOfSorted(sorted, 2) : null,
    p50: has ? percentileOfSorted(sorted, 50) : null,
    p98: has ? percentileOfSorted(sorted, 98) : null,
    eps,
    fractionAboveEps: eps === null || values.length === 0 ? null : above / values.length,
  };
}
