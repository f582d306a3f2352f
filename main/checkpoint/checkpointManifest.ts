import { z } from 'zod';

/** One tensor stored in a checkpoint's binary file: float32 values at `offset` (in values, not bytes). */
export const storedTensorSchema = z.object({
  name: z.string().min(1),
  /** `param`: trainable (`Model.params`); `state`: non-trainable (`Model.state`, batch-norm statistics). */
  kind: z.enum(['param', 'state']),
  shape: z.array(z.number().int().min(0)),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
});

/**
 * The JSON half of an epoch checkpoint (`checkpoint.json`): what was saved and where its float32
 * values are in the binary file beside it. The optimizer state is `Optimizer.exportState()` with every
 * Float32Array replaced by a `{ $f32: [offset, length] }` reference into the same binary file.
 */
export const checkpointManifestSchema = z.object({
  format: z.literal('optlab-checkpoint'),
  version: z.literal(1),
  runId: z.number().int().positive(),
  /** `configHash` of the run's config: a checkpoint only resumes the config it was written for. */
  configHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The last finished epoch (1-based) and the global optimizer step after it. */
  epoch: z.number().int().min(1),
  step: z.number().int().min(0),
  /** Seconds the run had trained when the checkpoint was written (metric times continue from here). */
  elapsedSeconds: z.number().min(0),
  /** How many shuffles the run's shuffling generator had drawn (one per epoch); replayed on resume. */
  shuffles: z.number().int().min(0),
  binFile: z.string().regex(/^epoch-\d+\.bin$/),
  binBytes: z.number().int().min(0),
  binSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The SHA-256 of the pretrained weights file the run started from, when it did (a resume checks it). */
  initialWeightsSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  tensors: z.array(storedTensorSchema),
  optimizer: z.unknown(),
  createdAt: z.string(),
});

export type CheckpointManifest = z.infer<typeof checkpointManifestSchema>;
export type StoredTensor = z.infer<typeof storedTensorSchema>;
