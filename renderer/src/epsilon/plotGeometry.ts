import type { LayerHistogram } from '../../../shared/science/epsilon/layerHistogram.js';
import { binCount, edgeExponent, type BinSpec } from '../../../shared/science/epsilon/logBins.js';

/** A log10 x-axis: exponents [lo, hi] onto [left, right] pixels. */
export interface LogAxis {
  lo: number;
  hi: number;
  left: number;
  right: number;
}

export function xOf(axis: LogAxis, exponent: number): number {
  return axis.left + ((exponent - axis.lo) / (axis.hi - axis.lo)) * (axis.right - axis.left);
}

export function exponentOf(axis: LogAxis, x: number): number {
  return axis.lo + ((x - axis.left) / (axis.right - axis.left)) * (axis.hi - axis.lo);
}

/** Whole decades covering the non-empty bins of all histograms given, plus the ε, at least 4 decades wide. */
export function exponentDomain(histograms: readonly LayerHistogram[], spec: BinSpec, eps: number | null): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of histograms) {
    for (const [i] of h.bins) {
      lo = Math.min(lo, edgeExponent(spec, i));
      hi = Math.max(hi, edgeExponent(spec, i + 1));
    }
    if (h.belowCount > 0) lo = Math.min(lo, spec.minExponent);
    if (h.aboveCount > 0) hi = Math.max(hi, spec.maxExponent);
  }
  if (eps !== null && eps > 0) {
    lo = Math.min(lo, Math.log10(eps));
    hi = Math.max(hi, Math.log10(eps));
  }
  if (!Number.isFinite(lo)) return [-10, -2];
  lo = Math.floor(lo) - 1;
  hi = Math.ceil(hi) + 1;
  if (hi - lo < 4) hi = lo + 4;
  return [Math.max(spec.minExponent, lo), Math.min(spec.maxExponent, hi)];
}

/** Bars of a histogram: x range (in exponents) and count, for drawing. */
export function histogramBars(h: LayerHistogram, spec: BinSpec): { from: number; to: number; count: number }[] {
  const n = binCount(spec);
  return h.bins.filter(([i]) => i < n).map(([i, count]) => ({ from: edgeExponent(spec, i), to: edgeExponent(spec, i + 1), count }));
}

/** Integer exponents in [lo, hi], thinned to at most `max` ticks. */
export function decadeTicks(lo: number, hi: number, max = 8): number[] {
  const span = hi - lo;
  const stride = Math.max(1, Math.ceil(span / max));
  const out: number[] = [];
  for (let e = Math.ceil(lo); e <= hi; e++) if ((e - Math.ceil(lo)) % stride === 0) out.push(e);
  return out;
}

export function formatEps(x: number): string {
  if (x === 0) return '0';
  const e = Math.log10(x);
  if (Math.abs(e - Math.round(e)) < 1e-9) return `1e${Math.round(e)}`;
  return x.toExponential(2);
}

export function formatPercent(fraction: number): string {
  const p = fraction * 100;
  if (p === 0 || p === 100) return `${p}%`;
  if (p < 0.01) return `${p.toExponential(1)}%`;
  return `${p.toFixed(2)}%`;
}
