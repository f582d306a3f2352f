import type { RunProgress } from './runTypes.js';

/** A run's position at one moment: how far it is (0..1) and when that was, in seconds. */
export interface ProgressSample {
  fraction: number;
  timeSeconds: number;
}

/**
 * How much of a run is done, from 0 to 1. `step` and `totalSteps` count optimizer steps over the
 * whole run (the global step); the epoch count is the fallback when there are no steps.
 */
export function progressFraction(progress: Pick<RunProgress, 'epoch' | 'totalEpochs' | 'step' | 'totalSteps'>): number {
  const { epoch, totalEpochs, step, totalSteps } = progress;
  const fraction = totalSteps > 0 ? step / totalSteps : totalEpochs > 0 ? epoch / totalEpochs : 0;
  return Math.min(Math.max(fraction, 0), 1);
}

/**
 * Seconds left, from the average pace between the first sample and the latest one. The first
 * sample is taken when training starts reporting, so loading data and compiling do not count.
 * Null until the run has advanced over some time.
 */
export function estimateEtaSeconds(first: ProgressSample, latest: ProgressSample): number | null {
  const done = latest.fraction - first.fraction;
  const elapsed = latest.timeSeconds - first.timeSeconds;
  if (latest.fraction >= 1) return 0;
  if (!(done > 0) || !(elapsed > 0)) return null;
  const eta = ((1 - latest.fraction) * elapsed) / done;
  return Number.isFinite(eta) ? eta : null;
}
