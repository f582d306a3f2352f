import type * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../../../shared/config/runConfig.js';
import type { Model } from '../../../shared/ml/models/model.js';
import type { Optimizer } from '../../../shared/ml/optim/optimizer.js';
import { optimizerStateSchema } from '../../../shared/ml/optim/optimizerState.js';
import { CheckpointError } from '../../checkpoint/checkpointError.js';
import { readCheckpoint, writeCheckpoint } from '../../checkpoint/checkpointFile.js';
import { configHash } from '../../checkpoint/configHash.js';
import { otherInitialWeights } from '../../checkpoint/initialWeightsCheck.js';
import type { InitialWeightsArtifact } from '../../../shared/runs/runArtifacts.js';
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
  /** The pretrained weights the run started from (their SHA-256 is recorded for a resume to check). */
  initialWeights?: Pick<InitialWeightsArtifact, 'sha256'>,
): Promise<string> {
  const tensors = [...model.params, ...(model.state ?? [])].map((p) => p.variable as tf.Tensor).concat(optimizer.stateTensors());
  await Promise.all(tensors.map((t) => t.data()));
  return writeCheckpoint(dir, {
    runId,
    configHash: configHash(config),
    ...position,
    ...(initialWeights ? { initialWeightsSha256: initialWeights.sha256 } : {}),
    tensors: captureModelTensors(model),
    optimizer: optimizer.exportState(),
  });
}

/**
 * Restores the model and optimizer of a fresh run of `config` from a checkpoint and returns where
 * training stopped. Refuses a checkpoint written for another config, or for a run that started from
 * another pretrained weights file than the one just loaded (`initialWeights`, by SHA-256).
 */
export function restoreEpochCheckpoint(
  manifestPath: string,
  config: RunConfig,
  model: Model,
  optimizer: Optimizer,
  initialWeights?: Pick<InitialWeightsArtifact, 'path' | 'sha256'>,
): TrainingPosition {
  const data = readCheckpoint(manifestPath);
  if (data.configHash !== configHash(config)) throw new CheckpointError(`The checkpoint ${manifestPath} was written for another config than this run's`);
  if (initialWeights && data.initialWeightsSha256 !== undefined && data.initialWeightsSha256 !== initialWeights.sha256) {
    throw new CheckpointError(`The run cannot resume: ${otherInitialWeights(initialWeights.path, data.initialWeightsSha256, initialWeights.sha256)}`);
  }
  restoreModelTensors(model, data.tensors);
  const state = optimizerStateSchema.safeParse(data.optimizer);
  if (!state.success) throw new CheckpointError(`The checkpoint's optimizer state is not valid: ${state.error.issues.map((i) => i.message).join('; ')}`);
  optimizer.importState(state.data);
  return { epoch: data.epoch, step: data.step, elapsedSeconds: data.elapsedSeconds, shuffles: data.shuffles };
}
