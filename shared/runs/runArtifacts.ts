import { z } from 'zod';

/** The last epoch's confusion matrix of a classification run: rows are truth, columns predictions. */
export const confusionMatrixArtifactSchema = z
  .object({
    epoch: z.number().int().min(1),
    classNames: z.array(z.string().max(200)).min(1).max(10_000),
    matrix: z.array(z.array(z.number().int().min(0))),
  })
  .strict()
  .superRefine((artifact, ctx) => {
    const n = artifact.classNames.length;
    if (artifact.matrix.length !== n || artifact.matrix.some((row) => row.length !== n)) {
      ctx.addIssue({ code: 'custom', path: ['matrix'], message: `must be ${n} × ${n} (one row and column per class)` });
    }
  });

/** The pretrained weights a run started from, as the training process loaded them. */
export const initialWeightsArtifactSchema = z.strictObject({
  /** The file as resolved on the machine that trained. */
  path: z.string().max(4096),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
  /** How many of the model's tensors (parameters and batch-norm statistics) came from the file. */
  loaded: z.number().int().min(0),
  /** The classification head's tensors left as initialised (replaced head). */
  keptHead: z.array(z.string().max(500)).max(100),
});
export type InitialWeightsArtifact = z.infer<typeof initialWeightsArtifactSchema>;

/** What each kind of run artifact holds, by its name (the documents a run page shows besides metrics). */
export const runArtifactSchemas: Record<string, z.ZodType> = {
  'confusion-matrix': confusionMatrixArtifactSchema,
  'initial-weights': initialWeightsArtifactSchema,
};
