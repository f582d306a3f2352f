import { z } from 'zod';

/**
 * The state of an optimizer as plain data, for checkpoints: per parameter its step count, its
 * plain-number state and its state tensors (shape and float32 values). Fusion plans keep one entry
 * per group. Validated with zod when read back (shapes and lengths are checked on import).
 */
export const tensorDataSchema = z.object({
  shape: z.array(z.number().int().min(0)),
  /** Float32Array from `exportState` (structured-clone friendly); a number array is accepted too (JSON). */
  values: z.union([z.instanceof(Float32Array), z.array(z.number())]),
});

export const paramStateSchema = z.object({
  step: z.number().int().min(0),
  scalars: z.record(z.string(), z.number()),
  tensors: z.record(z.string(), tensorDataSchema),
});

export const ruleOptimizerStateSchema = z.object({
  kind: z.string(),
  lrFactor: z.number().finite().min(0),
  /** State the rule keeps across parameters (SWATS's global phase), when it has any. */
  shared: z.record(z.string(), z.number()).optional(),
  params: z.record(z.string(), paramStateSchema),
});

export const optimizerStateSchema = z.union([
  ruleOptimizerStateSchema,
  z.object({ kind: z.literal('fusion'), groups: z.array(ruleOptimizerStateSchema) }),
]);

export type TensorData = z.infer<typeof tensorDataSchema>;
export type RuleOptimizerState = z.infer<typeof ruleOptimizerStateSchema>;
export type OptimizerState = z.infer<typeof optimizerStateSchema>;
