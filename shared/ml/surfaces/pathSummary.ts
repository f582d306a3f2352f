import type { Surface } from './surface.js';
import type { TrajectoryPoint } from './runTrajectory.js';

/** What a path on a surface achieved: where it ended and when it first came near the minimum. */
export interface PathSummary {
  /** Steps actually taken (fewer than asked when the path left the finite numbers). */
  steps: number;
  finalPoint: [number, number];
  finalLoss: number;
  /** Euclidean distance from the last point to the surface's minimum. */
  finalDistance: number;
  /** The first step whose point lies within `tolerance` of the minimum; null when none does. */
  stepWithinTolerance: number | null;
  /** False when the path stopped early on a non-finite loss or point. */
  finite: boolean;
}

/** Summarises a path of `runTrajectory` (start point first) against the surface's minimum. */
export function summarizePath(surface: Pick<Surface, 'minimum'>, path: TrajectoryPoint[], tolerance: number, stepsAsked?: number): PathSummary {
  if (path.length === 0) throw new Error('a path has at least its start point');
  const [mx, my] = surface.minimum;
  let stepWithinTolerance: number | null = null;
  for (let i = 0; i < path.length; i++) {
    if (Math.hypot(path[i][0] - mx, path[i][1] - my) <= tolerance) {
      stepWithinTolerance = i;
      break;
    }
  }
  const [x, y, loss] = path[path.length - 1];
  const finite = Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(loss) && (stepsAsked === undefined || path.length === stepsAsked + 1);
  return {
    steps: path.length - 1,
    finalPoint: [x, y],
    finalLoss: loss,
    finalDistance: Math.hypot(x - mx, y - my),
    stepWithinTolerance,
    finite,
  };
}
