import type { EpsilonCapture, StoredEpsilonCapture } from './epsilonCapture.js';
import type { Heatmap } from './sweepHeatmap.js';
import { epsilonSearchRange, type EpsilonSearchRange } from './searchRange.js';

/** What the ε view of a run shows: its captures and the Algorithm 2 range of the first epoch. */
export interface EpsilonRunView {
  runId: number;
  optimizer: string;
  /** False for optimizers without ẑ (SGD): nothing is captured for them. */
  adaptive: boolean;
  /** The run's ε (null when the optimizer has none). */
  eps: number | null;
  captures: StoredEpsilonCapture[];
  /** The capture Algorithm 2 reads (last step of epoch 1) and the range from it. */
  rangeCaptureId: number | null;
  range: EpsilonSearchRange | null;
  /** Seconds spent capturing, over all captures. */
  captureSeconds: number;
  /** Ids of the ε sweeps this run is the source or a member of. */
  sweepIds: number[];
}

/** The capture Algorithm 2 reads: at the last step of epoch 1; else the latest capture within epoch 1. */
export function firstEpochCapture<C extends EpsilonCapture>(captures: readonly C[]): C | null {
  const inFirst = captures.filter((c) => c.epoch === 1);
  return inFirst.find((c) => c.endOfEpoch) ?? inFirst.at(-1) ?? null;
}

/** The ε search range of a run from its captures (null without a first-epoch capture). */
export function runSearchRange(captures: readonly EpsilonCapture[]): EpsilonSearchRange | null {
  const first = firstEpochCapture(captures);
  return first ? epsilonSearchRange(first.layers) : null;
}

/** A heatmap of a sweep for the view, with the metric and axis it shows and the range to draw on it. */
export interface EpsilonHeatmapView extends Heatmap {
  metric: string;
  axis: 'lr' | 'beta2';
  higherIsBetter: boolean;
  range: EpsilonSearchRange | null;
}

/** Whether a larger value of a metric is better (accuracy, F1, Matthews correlation) or worse (loss, perplexity). */
export function higherIsBetter(metric: string): boolean {
  return /accuracy|f1|mcc|auc|precision|recall/i.test(metric);
}
