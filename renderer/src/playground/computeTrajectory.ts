import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { runTrajectory, type TrajectoryPoint } from '../../../shared/ml/surfaces/runTrajectory.js';
import { surfaces } from '../../../shared/ml/surfaces/surfaces.js';
import type { TrajectoryRequest } from './trajectoryRequest.js';

let ready: Promise<boolean> | null = null;

/** A path with the real optimizers on tfjs-core's cpu backend (the surfaces are 2-D: the plain kernels suffice). */
export async function computeTrajectory(request: TrajectoryRequest): Promise<TrajectoryPoint[]> {
  ready ??= tf.setBackend('cpu');
  await ready;
  return runTrajectory(surfaces[request.surface], request.optimizer, request.steps, request.start);
}
