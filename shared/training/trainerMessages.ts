import { z } from 'zod';
import { initialWeightsArtifactSchema } from '../runs/runArtifacts.js';
import { runConfigSchema } from '../config/runConfig.js';
import { epsilonCaptureSchema } from '../science/epsilon/epsilonCapture.js';
import { backendInfoSchema } from './backendInfo.js';
import { metricPointSchema } from '../runs/runTypes.js';

/**
 * Messages between the main process and a run's training process. Both sides validate what they
 * receive with these schemas: a training process is a separate program and may send anything.
 */
export const toTrainerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    runId: z.number().int().positive(),
    config: runConfigSchema,
    dataDir: z.string(),
    /** Folder for the run's epoch checkpoints; without it no checkpoints are written. */
    checkpointDir: z.string().optional(),
    /** Continue from this checkpoint (its manifest's path) after its epoch, instead of from scratch. */
    resume: z.object({ path: z.string(), epoch: z.number().int().min(1) }).optional(),
    /** CPU threads the run trains with (its config's `training.threads`, else cores ÷ runs at once). */
    threads: z.number().int().min(1).max(256).optional(),
  }),
  z.object({ type: z.literal('cancel') }),
]);
export type ToTrainerMessage = z.input<typeof toTrainerMessageSchema>;

export const fromTrainerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), backend: backendInfoSchema }),
  z.object({
    type: z.literal('progress'),
    epoch: z.number().int().min(0),
    totalEpochs: z.number().int().min(1),
    step: z.number().int().min(0),
    totalSteps: z.number().int().min(1),
  }),
  z.object({ type: z.literal('metrics'), points: z.array(metricPointSchema) }),
  /** ε histograms of the optimizer's adaptive term, per parameter tensor (seed 003). */
  z.object({ type: z.literal('epsilon-capture'), capture: epsilonCaptureSchema }),
  /** An epoch checkpoint was written (manifest path); the run can resume from it. */
  z.object({
    type: z.literal('checkpoint'),
    path: z.string(),
    epoch: z.number().int().min(1),
    step: z.number().int().min(0),
  }),
  /** The test split's confusion matrix of the last epoch (classification): rows are truth, columns predictions. */
  z.object({
    type: z.literal('confusion-matrix'),
    epoch: z.number().int().min(1),
    classNames: z.array(z.string()),
    matrix: z.array(z.array(z.number().int().min(0))),
  }),
  /** The run's pretrained weights were loaded (before the first step): the file and its SHA-256. */
  z.object({ type: z.literal('initial-weights'), weights: initialWeightsArtifactSchema }),
  z.object({ type: z.literal('completed') }),
  z.object({ type: z.literal('diverged'), reason: z.string() }),
  z.object({ type: z.literal('failed'), error: z.string() }),
  z.object({ type: z.literal('cancelled') }),
]);
export type FromTrainerMessage = z.infer<typeof fromTrainerMessageSchema>;
