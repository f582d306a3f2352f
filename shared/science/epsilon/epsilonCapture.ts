import { z } from 'zod';
import { layerHistogramSchema } from './layerHistogram.js';
import { binSpecSchema } from './logBins.js';

/** One capture: every adaptive parameter tensor's ẑ histogram after optimizer step `step`. */
export const epsilonCaptureSchema = z.object({
  epoch: z.number().int().min(1),
  step: z.number().int().min(1),
  /** True when taken at the last step of its epoch. */
  endOfEpoch: z.boolean(),
  /** The optimizer type whose ẑ this is (for fusion: the plan; each layer its group's). */
  optimizer: z.string(),
  binSpec: binSpecSchema,
  layers: z.array(layerHistogramSchema),
  /** Seconds the capture took in the training process. */
  seconds: z.number().min(0),
});
export type EpsilonCapture = z.infer<typeof epsilonCaptureSchema>;

/** A stored capture, as the API returns it. */
export interface StoredEpsilonCapture extends EpsilonCapture {
  id: number;
  runId: number;
}
