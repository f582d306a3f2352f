import { z } from 'zod';

/**
 * Hyperparameters of every optimizer, as PyTorch's torch.optim names them.
 * Each schema refuses values PyTorch's constructor refuses, with a message naming the field.
 */
const learningRate = z.number().finite().positive({ message: 'learning rate must be > 0' });
const weightDecay = z.number().finite().min(0, { message: 'weight decay must be >= 0' }).default(0);
const beta = z.number().finite().min(0, { message: 'beta must be in [0, 1)' }).lt(1, { message: 'beta must be in [0, 1)' });
const epsilon = z.number().finite().min(0, { message: 'epsilon must be >= 0' });

export const sgdConfigSchema = z
  .object({
    type: z.literal('sgd'),
    lr: learningRate.default(0.01),
    momentum: z.number().finite().min(0, { message: 'momentum must be >= 0' }).default(0),
    dampening: z.number().finite().default(0),
    nesterov: z.boolean().default(false),
    weightDecay,
  })
  .refine((c) => !c.nesterov || (c.momentum > 0 && c.dampening === 0), {
    message: 'Nesterov momentum requires a momentum and zero dampening',
    path: ['nesterov'],
  });

export const adamConfigSchema = z.object({
  type: z.literal('adam'),
  lr: learningRate.default(0.001),
  beta1: beta.default(0.9),
  beta2: beta.default(0.999),
  eps: epsilon.default(1e-8),
  weightDecay,
  amsgrad: z.boolean().default(false),
});

export const masConfigSchema = z.object({
  type: z.literal('mas'),
  lr: learningRate.default(0.01),
  /** Separate learning rates for the two parts; both default to lr. */
  lrSgd: learningRate.optional(),
  lrAdam: learningRate.optional(),
  lambdaAdam: z.number().finite().min(0, { message: 'λa must be >= 0' }).default(0.5),
  lambdaSgd: z.number().finite().min(0, { message: 'λs must be >= 0' }).default(0.5),
  momentum: z.number().finite().min(0, { message: 'momentum must be >= 0' }).default(0),
  dampening: z.number().finite().default(0),
  nesterov: z.boolean().default(false),
  beta1: beta.default(0.9),
  beta2: beta.default(0.999),
  eps: epsilon.default(1e-8),
  weightDecay,
  amsgrad: z.boolean().default(false),
});

export const optimizerConfigSchema = z.discriminatedUnion('type', [sgdConfigSchema, adamConfigSchema, masConfigSchema]);

export type OptimizerConfig = z.infer<typeof optimizerConfigSchema>;
export type OptimizerConfigInput = z.input<typeof optimizerConfigSchema>;
export type OptimizerType = OptimizerConfig['type'];
export const optimizerTypes: OptimizerType[] = optimizerConfigSchema.options.map((o) => o.shape.type.value);
