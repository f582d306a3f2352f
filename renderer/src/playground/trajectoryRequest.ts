import type { SingleOptimizerConfig } from '../../../shared/config/optimizerConfig.js';
import type { SurfaceName } from '../../../shared/config/datasetConfig.js';
import type { TrajectoryPoint } from '../../../shared/ml/surfaces/runTrajectory.js';

/** One path to compute: an optimizer on a surface from a start point for a number of steps. */
export interface TrajectoryRequest {
  surface: SurfaceName;
  optimizer: SingleOptimizerConfig;
  steps: number;
  start: [number, number];
}

/** The same request always gives the same key (a parsed config lists its fields in schema order). */
export function requestKey(request: TrajectoryRequest): string {
  return JSON.stringify([request.surface, request.optimizer, request.steps, request.start]);
}

/** Messages between the page and the trajectory worker. */
export interface TrajectoryJob {
  jobId: number;
  request: TrajectoryRequest;
}
export type TrajectoryReply = { jobId: number; path: TrajectoryPoint[] } | { jobId: number; error: string };
