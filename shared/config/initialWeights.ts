import { z } from 'zod';
import { described } from './fieldDescriptions.js';

/**
 * Pretrained weights a run starts from: a local safetensors file holding a PyTorch `state_dict` of
 * the model (torchvision's names), loaded through the model's weight mapping before the first step.
 * The run records the file's SHA-256.
 */
export const initialWeightsSchema = z.strictObject({
  /** A .safetensors file; relative paths are looked up in the data folder. */
  path: described(z.string().trim().min(1, { message: 'a weights file is needed' }).max(4096), {
    label: 'Start from weights',
    help: 'A .safetensors file of the model’s PyTorch state_dict (torchvision’s names); relative paths are looked up in the data folder.',
  }),
  /** Keep the model's freshly initialised classification head (for another number of classes than the weights'). */
  replaceHead: described(z.boolean(), {
    label: 'Replace the classification head',
    help: 'Start the last layer afresh, for another number of classes than the weights were trained for.',
  }).default(false),
});
export type InitialWeights = z.infer<typeof initialWeightsSchema>;
