import type { EpsilonCapture } from './epsilonCapture.js';
import { edgeValue } from './logBins.js';
import type { EpsilonSearchRange } from './searchRange.js';

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(header: string[], rows: (string | number | boolean | null)[][]): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/**
 * The histograms as CSV, one row per non-empty bin: capture epoch and step, layer, the bin's range
 * (lo, hi] of ẑ and its count; zeros, below-range and above-range elements are rows of their own kind.
 */
export function histogramsCsv(captures: readonly EpsilonCapture[]): string {
  const rows: (string | number | null)[][] = [];
  for (const c of captures) {
    for (const l of c.layers) {
      if (l.zeroCount > 0) rows.push([c.epoch, c.step, l.layer, 'zero', 0, 0, l.zeroCount]);
      if (l.belowCount > 0) rows.push([c.epoch, c.step, l.layer, 'below', 0, edgeValue(c.binSpec, 0), l.belowCount]);
      for (const [i, count] of l.bins) rows.push([c.epoch, c.step, l.layer, 'bin', edgeValue(c.binSpec, i), edgeValue(c.binSpec, i + 1), count]);
      const last = (c.binSpec.maxExponent - c.binSpec.minExponent) * c.binSpec.binsPerDecade;
      if (l.aboveCount > 0) rows.push([c.epoch, c.step, l.layer, 'above', edgeValue(c.binSpec, last), null, l.aboveCount]);
    }
  }
  return csv(['epoch', 'step', 'layer', 'kind', 'lo', 'hi', 'count'], rows);
}

/** Per capture and layer: count, zeros, min, exact 2nd/50th/98th percentiles, max, ε and the fraction above it. */
export function layerStatsCsv(captures: readonly EpsilonCapture[]): string {
  const rows = captures.flatMap((c) =>
    c.layers.map((l) => [c.epoch, c.step, l.layer, l.count, l.zeroCount, l.nanCount, l.min, l.p2, l.p50, l.p98, l.max, l.eps, l.fractionAboveEps]),
  );
  return csv(['epoch', 'step', 'layer', 'count', 'zeros', 'nan', 'min', 'p2', 'p50', 'p98', 'max', 'eps', 'fraction_above_eps'], rows);
}

/** The ε search range as a one-row CSV. */
export function searchRangeCsv(range: EpsilonSearchRange | null): string {
  const header = ['eps_lower', 'eps_upper', 'raw_lower_p2', 'raw_upper_p98', 'lower_layer', 'upper_layer'];
  return csv(header, range ? [[range.lower, range.upper, range.rawLower, range.rawUpper, range.lowerLayer, range.upperLayer]] : []);
}
