import type * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../../../shared/config/runConfig.js';
import type { Model } from '../../../shared/ml/models/model.js';
import type { Optimizer } from '../../../shared/ml/optim/optimizer.js';
import { optimizerStateSchema } from '../../../shared/ml/optim/optimizerState.js';
import { CheckpointError } from '../../checkpoint/checkpointError.js';
import { readCheckpoint, writeCheckpoint } from '../../checkpoint/checkpointFile.js';
import { configHash } from '../../checkpoint/configHash.js';
import { captureModelTensors, restoreModelTensors } from './modelTensors.js';

/** Where a training loop is at the end of an epoch, as a checkpoint records it. */
export interface TrainingPosition {
  epoch: number;
  step: number;
  elapsedSeconds: number;
  /** Shuffles drawn from the run's shuffling generator so far. */
  shuffles: number;
}

/**
 * Saves the model, the optimizer and the position after an epoch; returns the manifest's path. Every
 * tensor is downloaded first (`await data()`), so the synchronous reads below work on webgpu too.
 */
export async function saveEpochCheckpoint(
  dir: string,
  runId: number,
  config: RunConfig,
  model: Model,
  optimizer: Optimizer,
  position: TrainingPosition,
): Promise<string> {
  const tensors = [...model.params, ...(model.state ?? [])].map((p) => p.variable as tf.Tensor).concat(optimizer.stateTensors());
  await Promise.all(tensors.map((t) => t.data()));
  return writeCheckpoint(dir, {
    runId,
    configHash: configHash(config),
    ...position,
    tensors: captureModelTensors(model),
    optimizer: optimizer.exportState(),
  });
}

/**
 * Restores the model and optimizer of a fresh run of `config` from a checkpoint and returns where
 * training stopped. Refuses a checkpoint written for another config.
 */
export function restoreEpochCheckpoint(manifestPath: string, config: RunConfig, model: Model, optimizer: Optimizer): TrainingPosition {
  const data = readCheckpoint(manifestPath);
  if (data.configHash !== configHash(config)) throw new CheckpointError(`The checkpoint ${manifestPath} was written for another config than this run's`);
  restoreModelTensors(model, data.tensors);
  const state = optimizerStateSchema.safeParse(data.optimizer);
  if (!state.success) throw new CheckpointError(`The checkpoint's optimizer state is not valid: ${state.error.issues.map((i) => i.message).join('; ')}`);
  optimizer.importState(state.data);
  return { epoch: data.epoch, step: data.step, elapsedSeconds: data.elapsedSeconds, shuffles: data.shuffles };
}
