import { z } from 'zod';

/**
 * Fixed log10 bins for ε histograms: `binsPerDecade` bins per power of ten from 10^minExponent to
 * 10^maxExponent. Bin i holds the values in (edge(i), edge(i+1)], left-open and right-closed, so the
 * count of elements with ẑ > edge(k) is exactly the sum of bins k… plus those above the range.
 * Zeros (and NaN) are counted apart; positive values ≤ edge(0) are `below`, values > the last edge `above`.
 */
export const binSpecSchema = z.object({
  minExponent: z.number().int().min(-60).max(60),
  maxExponent: z.number().int().min(-60).max(60),
  binsPerDecade: z.number().int().min(1).max(100),
});
export type BinSpec = z.infer<typeof binSpecSchema>;

/** 10 bins per decade over 1e-20 … 1e5: 250 bins, wide enough for every ẑ of Table 5 in float32. */
export const defaultBinSpec: BinSpec = { minExponent: -20, maxExponent: 5, binsPerDecade: 10 };

export function binCount(spec: BinSpec): number {
  return (spec.maxExponent - spec.minExponent) * spec.binsPerDecade;
}

/** The exponent of edge i as the ratio of two integers (correctly rounded, the same on every side). */
export function edgeExponent(spec: BinSpec, index: number): number {
  return (spec.minExponent * spec.binsPerDecade + index) / spec.binsPerDecade;
}

/**
 * The value of edge i (0 … binCount). Whole powers of ten are the exact decimal literals (1e-8 is
 * the same number as a run's ε = 1e-8); the others are 10^exponent.
 */
export function edgeValue(spec: BinSpec, index: number): number {
  const numerator = spec.minExponent * spec.binsPerDecade + index;
  if (numerator % spec.binsPerDecade === 0) return Number(`1e${numerator / spec.binsPerDecade}`);
  return 10 ** (numerator / spec.binsPerDecade);
}

/** All edges, edge(0) … edge(binCount). */
export function binEdges(spec: BinSpec): Float64Array {
  const n = binCount(spec);
  const edges = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) edges[i] = edgeValue(spec, i);
  return edges;
}

/**
 * The bin of a positive value: -1 when value ≤ edge(0), binCount when value > the last edge.
 * The logarithm gives a guess that is then corrected against the edges themselves, so values on an
 * edge land in the bin below it.
 */
export function binIndexOf(value: number, edges: Float64Array): number {
  return binIndexer(edges)(value);
}

/** `binIndexOf` for many values over the same edges (the logarithms of the ends computed once). */
export function binIndexer(edges: Float64Array): (value: number) => number {
  const n = edges.length - 1;
  const first = edges[0];
  const last = edges[n];
  const logFirst = Math.log10(first);
  const scale = n / (Math.log10(last) - logFirst);
  return (value) => {
    if (value <= first) return -1;
    if (value > last) return n;
    let i = Math.floor((Math.log10(value) - logFirst) * scale);
    if (i < 0) i = 0;
    if (i > n - 1) i = n - 1;
    while (i > 0 && value <= edges[i]) i--;
    while (i < n - 1 && value > edges[i + 1]) i++;
    return i;
  };
}
