import type { LayerHistogram } from './layerHistogram.js';

/** Seed 003's Algorithm 2 result: the ε search range and the unrounded percentiles it came from. */
export interface EpsilonSearchRange {
  lower: number;
  upper: number;
  lowerExponent: number;
  upperExponent: number;
  /** min over layers of the 2nd percentile, max over layers of the 98th, before rounding. */
  rawLower: number;
  rawUpper: number;
  /** The layers that gave them. */
  lowerLayer: string;
  upperLayer: string;
}

/** 10^round(log10(x)) for x > 0, with its exponent (Math.round: halves round up). */
export function roundToPowerOfTen(x: number): { value: number; exponent: number } {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`cannot round ${x} to a power of ten`);
  const exponent = Math.round(Math.log10(x)) + 0; // + 0 turns -0 into 0
  return { value: Number(`1e${exponent}`), exponent };
}

/**
 * Algorithm 2 of seed 003: ε_lower = min over layers of the 2nd percentile of ẑ, ε_upper = max over
 * layers of the 98th, each rounded to a power of ten. Layers whose ẑ is all zero have no percentiles
 * and are skipped; null when no layer has any (a non-adaptive optimizer, or a capture of zeros).
 */
export function epsilonSearchRange(layers: readonly Pick<LayerHistogram, 'layer' | 'p2' | 'p98'>[]): EpsilonSearchRange | null {
  let rawLower = Number.MAX_VALUE;
  let rawUpper = 0;
  let lowerLayer = '';
  let upperLayer = '';
  for (const layer of layers) {
    if (layer.p2 !== null && layer.p2 > 0 && layer.p2 < rawLower) {
      rawLower = layer.p2;
      lowerLayer = layer.layer;
    }
    if (layer.p98 !== null && layer.p98 > rawUpper) {
      rawUpper = layer.p98;
      upperLayer = layer.layer;
    }
  }
  if (lowerLayer === '' || upperLayer === '') return null;
  const lower = roundToPowerOfTen(rawLower);
  const upper = roundToPowerOfTen(rawUpper);
  return {
    lower: lower.value,
    upper: upper.value,
    lowerExponent: lower.exponent,
    upperExponent: upper.exponent,
    rawLower,
    rawUpper,
    lowerLayer,
    upperLayer,
  };
}

/** Every power of ten from ε_lower to ε_upper, ascending. */
export function powersOfTenInRange(range: Pick<EpsilonSearchRange, 'lowerExponent' | 'upperExponent'>): number[] {
  const out: number[] = [];
  for (let e = range.lowerExponent; e <= range.upperExponent; e++) out.push(Number(`1e${e}`));
  return out;
}
