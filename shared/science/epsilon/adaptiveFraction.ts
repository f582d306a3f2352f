import type { LayerHistogram } from './layerHistogram.js';
import { binCount, edgeExponent, edgeValue, type BinSpec } from './logBins.js';

/** Elements of a histogram with ẑ > ε, and whether that count is exact or interpolated within a bin. */
export interface AboveCount {
  above: number;
  total: number;
  /** True when ε is a bin edge (or outside the binned range): the count is then exact. */
  exact: boolean;
}

/**
 * Counts the elements with ẑ > eps from the bins alone (what the renderer has). Exact when eps is a
 * bin edge, because bins are (edge(i), edge(i+1)]; inside a bin the bin's count is split linearly in
 * log10. NaN elements are never above; zeros are above only for a negative eps.
 */
export function countAbove(histogram: LayerHistogram, spec: BinSpec, eps: number): AboveCount {
  const n = binCount(spec);
  const total = histogram.count;
  if (eps < 0) return { above: total - histogram.nanCount, total, exact: true };
  const first = edgeValue(spec, 0);
  const last = edgeValue(spec, n);
  if (eps === 0) return { above: total - histogram.zeroCount - histogram.nanCount, total, exact: true };
  if (eps < first) {
    // Below the first edge the bins cannot tell: the below-range elements count as above when eps
    // is under them all (exact only when there are none).
    return { above: total - histogram.zeroCount - histogram.nanCount, total, exact: histogram.belowCount === 0 };
  }
  if (eps >= last) return { above: histogram.aboveCount, total, exact: eps === last };
  // k with edge(k) ≤ eps < edge(k+1): the guess from the logarithm, corrected against the edges.
  let k = Math.min(n - 1, Math.max(0, Math.floor((Math.log10(eps) - edgeExponent(spec, 0)) * spec.binsPerDecade)));
  while (k > 0 && edgeValue(spec, k) > eps) k--;
  while (k < n - 1 && edgeValue(spec, k + 1) <= eps) k++;
  const exact = edgeValue(spec, k) === eps;
  let above = histogram.aboveCount;
  for (const [index, count] of histogram.bins) {
    if (index >= k + (exact ? 0 : 1)) above += count;
    else if (!exact && index === k) {
      const lo = edgeExponent(spec, k);
      const share = (edgeExponent(spec, k + 1) - Math.log10(eps)) / (edgeExponent(spec, k + 1) - lo);
      above += count * Math.min(1, Math.max(0, share));
    }
  }
  return { above, total, exact };
}

/** The fraction of a layer's elements with ẑ > eps, from its bins (0 for an empty tensor). */
export function fractionAbove(histogram: LayerHistogram, spec: BinSpec, eps: number): number {
  const { above, total } = countAbove(histogram, spec, eps);
  return total === 0 ? 0 : above / total;
}

/** Over several layers: all their elements pooled (what Table 2 of seed 003 reports per model). */
export function pooledFractionAbove(histograms: readonly LayerHistogram[], spec: BinSpec, eps: number): AboveCount {
  let above = 0;
  let total = 0;
  let exact = true;
  for (const h of histograms) {
    const c = countAbove(h, spec, eps);
    above += c.above;
    total += c.total;
    exact &&= c.exact;
  }
  return { above, total, exact };
}

/** The ε values of the Table 2 style table, 1e-16 … 1. */
export const tableEpsilons = [1e-16, 1e-12, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1] as const;
