import { z } from 'zod';
import { datasetConfigSchema } from './datasetConfig.js';
import { initialWeightsSchema } from './initialWeights.js';
import { modelConfigSchema, modelDatasetMismatch } from './modelConfig.js';
import { modelDefinition } from '../ml/models/modelRegistry.js';
import { lrScheduleConfigSchema, optimizerConfigSchema } from './optimizerConfig.js';
import { epsilonCaptureScheduleSchema } from '../science/epsilon/captureSchedule.js';
import { backendChoiceSchema } from '../training/backendChoice.js';

/**
 * A validation split: `holdOut` training examples, drawn by `seed` (absent: the run's seed), are left
 * out of training and evaluated after every epoch as the test split is. It must stay below the
 * training set's size, which the training process checks once the data is loaded.
 */
export const validationSplitSchema = z.strictObject({
  holdOut: z.number().int({ message: 'holdOut is a whole number of examples' }).min(1, { message: 'hold out at least 1 example' }).max(100_000_000),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});
export type ValidationSplitConfig = z.infer<typeof validationSplitSchema>;

/**
 * A run: one training of one model on one dataset with one optimizer and one seed.
 * The same schema validates the New Run form, HTTP and IPC payloads, and CLI config files.
 */
export const trainingConfigSchema = z.object({
  epochs: z.number().int().min(1, { message: 'at least 1 epoch' }).max(10_000),
  batchSize: z.number().int().min(1, { message: 'batch size must be >= 1' }).max(65_536).default(128),
  /** For surfaces (no data): optimizer steps per epoch. */
  stepsPerEpoch: z.number().int().min(1).max(1_000_000).default(100),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  /**
   * Loss-explosion rule: the run ends `diverged` once a step's training loss is above this many times
   * the first epoch's training loss (absent: only a non-finite loss, parameter or metric ends it).
   */
  lossExplosionFactor: z.number().min(1).max(1e12).optional(),
  /** Gradient clipping: before each step the gradients are scaled to this global L2 norm when above it (absent: no clipping). */
  gradClipNorm: z.number().gt(0, { message: 'the gradient norm limit must be > 0' }).max(1e12).optional(),
  /** The backend to train on: `auto` (the fastest that works; `OPTLAB_BACKEND` may set it) or one by name. */
  device: backendChoiceSchema.default('auto'),
  /**
   * CPU threads of the run (OpenBLAS's and the native kernels' loops on the cpu + native backend);
   * absent: the machine's cores divided by the runs training at once.
   */
  threads: z.number().int().min(1, { message: 'threads must be >= 1' }).max(256).optional(),
  /** A validation split held out of the training examples and evaluated after every epoch (`val/*`); absent: none. */
  validation: validationSplitSchema.optional(),
}).strict();

export const runConfigSchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    dataset: datasetConfigSchema,
    model: modelConfigSchema,
    optimizer: optimizerConfigSchema,
    /** Learning-rate schedule: a factor on every base learning rate of the optimizer, per step. */
    lrSchedule: lrScheduleConfigSchema.default({ type: 'constant' }),
    training: trainingConfigSchema,
    /** When ε histograms of adaptive optimizers are captured; absent: end of epoch 1 and of every epoch. */
    epsilonCapture: epsilonCaptureScheduleSchema.optional(),
    /** Pretrained weights to start from (a safetensors file); absent: the model's own initialisation. */
    initialWeights: initialWeightsSchema.optional(),
  })
  // Unknown fields are refused, never dropped (a misplaced lrSchedule would train at a constant rate).
  .strict()
  .superRefine((config, ctx) => {
    const mismatch = modelDatasetMismatch(config.model, config.dataset);
    if (mismatch) ctx.addIssue({ code: 'custom', path: ['model', 'kind'], message: mismatch });
    if (config.training.validation && config.dataset.kind === 'surface') {
      ctx.addIssue({ code: 'custom', path: ['training', 'validation', 'holdOut'], message: 'a surface has no training examples to hold out' });
    }
    if (config.initialWeights && !modelDefinition(config.model.kind).pretrainedWeights) {
      ctx.addIssue({ code: 'custom', path: ['initialWeights', 'path'], message: `the ${modelDefinition(config.model.kind).title} model cannot start from pretrained weights` });
    }
  });

export type RunConfig = z.infer<typeof runConfigSchema>;
export type RunConfigInput = z.input<typeof runConfigSchema>;
