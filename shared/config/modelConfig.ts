import { z } from 'zod';

export const modelConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('mlp'),
    /** Widths of the hidden layers. */
    hidden: z.array(z.number().int().min(1, { message: 'a layer needs at least 1 unit' }).max(8192)).min(0).max(16).default([256, 128]),
    activation: z.enum(['relu', 'tanh', 'sigmoid']).default('relu'),
  }),
  z.object({
    kind: z.literal('cnn'),
    /** Channels of the two conv stages (LeNet-style: conv3x3, ReLU, maxpool2 each). */
    channels: z.tuple([z.number().int().min(1).max(512), z.number().int().min(1).max(512)]).default([16, 32]),
  }),
  z.object({ kind: z.literal('point') }),
]);

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type ModelKind = ModelConfig['kind'];
