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

/** What each kind of run artifact holds, by its name (the documents a run page shows besides metrics). */
export const runArtifactSchemas: Record<string, z.ZodType> = {
  'confusion-matrix': confusionMatrixArtifactSchema,
};
