import type { EpsilonCapture } from './epsilonCapture.js';
import type { LayerHistogram } from './layerHistogram.js';
import { binCount, edgeExponent } from './logBins.js';

/**
 * ε histograms of several runs overlaid per layer (seed 003's Fig. 12: an MLP's histograms for two
 * values of ε): for each layer, each run's ẑ histogram at a chosen epoch as fractions of the layer's
 * elements (so runs compare whatever their sizes), with the run's own ε and the share above it. Pure.
 */

export interface OverlayRunInput<C extends EpsilonCapture = EpsilonCapture> {
  runId: number;
  label: string;
  /** The run's ε (null when its optimizer has none). */
  eps: number | null;
  captures: readonly C[];
}

export interface OverlaySeries {
  runId: number;
  label: string;
  eps: number | null;
  /** The capture drawn (its epoch and step). */
  epoch: number;
  step: number;
  /** Bars as log10 ẑ ranges with the fraction of the layer's elements in each. */
  bars: { from: number; to: number; fraction: number }[];
  /** The fraction of the layer's elements with ẑ above the run's ε, as captured. */
  fractionAboveEps: number | null;
  histogram: LayerHistogram;
}

export interface OverlayLayer {
  layer: string;
  series: OverlaySeries[];
}

/** The epochs any of the runs captured, ascending. */
export function captureEpochs(runs: readonly OverlayRunInput[]): number[] {
  return [...new Set(runs.flatMap((r) => r.captures.map((c) => c.epoch)))].sort((a, b) => a - b);
}

/** A run's capture for an epoch: the one at its last step, else its latest in that epoch; null without one. */
export function captureAtEpoch<C extends EpsilonCapture>(captures: readonly C[], epoch: number): C | null {
  const inEpoch = captures.filter((c) => c.epoch === epoch);
  return inEpoch.find((c) => c.endOfEpoch) ?? inEpoch.at(-1) ?? null;
}

function bars(histogram: LayerHistogram, capture: EpsilonCapture): OverlaySeries['bars'] {
  const n = binCount(capture.binSpec);
  const total = histogram.count;
  if (total === 0) return [];
  return histogram.bins
    .filter(([i]) => i < n)
    .map(([i, count]) => ({ from: edgeExponent(capture.binSpec, i), to: edgeExponent(capture.binSpec, i + 1), fraction: count / total }));
}

/**
 * Every layer any run has at the epoch, in the order the runs list them, each with the series of
 * the runs that captured it then. Runs without a capture at the epoch are left out of it.
 */
export function overlayLayers(runs: readonly OverlayRunInput[], epoch: number): OverlayLayer[] {
  const layers = new Map<string, OverlaySeries[]>();
  for (const run of runs) {
    const capture = captureAtEpoch(run.captures, epoch);
    if (!capture) continue;
    for (const histogram of capture.layers) {
      const series: OverlaySeries = {
        runId: run.runId,
        label: run.label,
        eps: run.eps,
        epoch: capture.epoch,
        step: capture.step,
        bars: bars(histogram, capture),
        fractionAboveEps: histogram.fractionAboveEps,
        histogram,
      };
      const list = layers.get(histogram.layer);
      if (list) list.push(series);
      else layers.set(histogram.layer, [series]);
    }
  }
  return [...layers.entries()].map(([layer, series]) => ({ layer, series }));
}
