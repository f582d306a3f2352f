import { z } from 'zod';

/** The toy loss surfaces of seed 000 (and classic ones), each with its paper's start point. */
export const surfaceNames = ['rosenbrock', 'abs-ridge'] as const;
export const surfaceNameSchema = z.enum(surfaceNames);
export type SurfaceName = z.infer<typeof surfaceNameSchema>;

export const imageDatasetNames = ['fashion-mnist', 'mnist'] as const;

export const datasetConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fashion-mnist'),
    /** Use only the first N training images (0 = all available). */
    trainLimit: z.number().int().min(0).default(0),
    /** Use only the first N test images (0 = all available). */
    testLimit: z.number().int().min(0).default(0),
  }),
  z.object({
    kind: z.literal('mnist'),
    trainLimit: z.number().int().min(0).default(0),
    testLimit: z.number().int().min(0).default(0),
  }),
  z.object({
    kind: z.literal('surface'),
    surface: surfaceNameSchema,
    /** Start point; the paper's when omitted. */
    start: z.tuple([z.number().finite(), z.number().finite()]).optional(),
  }),
]);

export type DatasetConfig = z.infer<typeof datasetConfigSchema>;
export type DatasetKind = DatasetConfig['kind'];
