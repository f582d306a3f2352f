import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import type { TrajectoryRequest } from './trajectoryRequest.js';

/** Splits a number of steps into epochs × steps per epoch with the most epochs up to 20 that divide it evenly. */
export function epochSplit(steps: number): { epochs: number; stepsPerEpoch: number } {
  for (let epochs = Math.min(20, steps); epochs > 1; epochs--) {
    if (steps % epochs === 0) return { epochs, stepsPerEpoch: steps / epochs };
  }
  return { epochs: 1, stepsPerEpoch: steps };
}

/** The run that trains the point model as the playground computed it: same surface, start, optimizer and steps. */
export function runConfigForPath(request: TrajectoryRequest, name: string): RunConfigInput {
  return {
    name,
    dataset: { kind: 'surface', surface: request.surface, start: request.start },
    model: { kind: 'point' },
    optimizer: request.optimizer,
    training: { ...epochSplit(request.steps), seed: 0 },
  };
}
