/**
 * The x-axes every chart draws on (run page, Compare, Playground), and where a recorded point lies on
 * each. Pure: the same point always lands at the same x whatever axis was shown before.
 *
 * - step: the global optimizer step (1 at the end of the first step).
 * - epoch: epoch metrics at their epoch (1, 2, …); step metrics at step / steps per epoch, so they
 *   lie fractionally inside their epoch (step 20 of 40 per epoch is epoch 0.5).
 * - time: seconds since the run started, as stored with each point (a resumed run continues the
 *   clock of its first start).
 */

export const xAxes = ['step', 'epoch', 'time'] as const;
export type XAxis = (typeof xAxes)[number];

/** How the axis is titled on every chart. */
export const xAxisTitles: Record<XAxis, string> = { step: 'step', epoch: 'epoch', time: 'wall time (s)' };

/** What a point must carry to be placed on any axis (a stored metric point has all of it). */
export interface AxisSource {
  step: number;
  /** 1-based for epoch metrics, 0 for step metrics. */
  epoch: number;
  /** Seconds since the run started. */
  time: number;
}

/**
 * Where a point lies on an axis, or null when it cannot be placed yet (a step metric on the epoch
 * axis before the run's steps per epoch are known).
 */
export function xOf(point: AxisSource, axis: XAxis, stepsPerEpoch: number | null): number | null {
  switch (axis) {
    case 'step':
      return point.step;
    case 'time':
      return point.time;
    case 'epoch':
      if (point.epoch > 0) return point.epoch;
      return stepsPerEpoch !== null && stepsPerEpoch > 0 ? point.step / stepsPerEpoch : null;
  }
}

/** A point as a chart draws it, with the recorded point it came from (for tooltips). */
export interface AxisPoint<P> {
  x: number;
  y: number;
  source: P;
}

/** The points of a series on an axis, in recorded order; points that cannot be placed are left out. */
export function pointsOnAxis<P extends AxisSource & { value: number }>(points: readonly P[], axis: XAxis, stepsPerEpoch: number | null): AxisPoint<P>[] {
  const out: AxisPoint<P>[] = [];
  for (const point of points) {
    const x = xOf(point, axis, stepsPerEpoch);
    if (x !== null && Number.isFinite(x)) out.push({ x, y: point.value, source: point });
  }
  return out;
}

/** A run's progress as far as the axes need it. */
export interface AxisProgress {
  totalEpochs: number;
  totalSteps: number;
}

/**
 * Optimizer steps per epoch of a run: from its progress (the training process reports the real
 * count, which for data runs follows from the data size and batch size), else from where an epoch
 * metric was recorded (at the last step of its epoch); null while not known.
 */
export function stepsPerEpochOf(progress: AxisProgress | null | undefined, series: Iterable<readonly AxisSource[]>): number | null {
  if (progress && progress.totalEpochs > 0 && progress.totalSteps > 0) return progress.totalSteps / progress.totalEpochs;
  for (const points of series) {
    const first = points.find((p) => p.epoch > 0);
    if (first && first.step > 0) return first.step / first.epoch;
  }
  return null;
}
