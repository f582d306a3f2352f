import type { TrajectoryPoint } from '../../../shared/ml/surfaces/runTrajectory.js';

/**
 * A path's loss by step for a log-scale chart: at most `maxPoints` points (every k-th step, the last
 * step always kept), losses that are not > 0 left out (a log axis cannot show them).
 */
export function lossCurve(path: TrajectoryPoint[], maxPoints: number): { x: number; y: number }[] {
  const stride = Math.max(1, Math.ceil(path.length / maxPoints));
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i < path.length; i++) {
    if (i % stride !== 0 && i !== path.length - 1) continue;
    const loss = path[i][2];
    if (loss > 0 && Number.isFinite(loss)) out.push({ x: i, y: loss });
  }
  return out;
}
