import { z } from 'zod';
import type { OptimizerDefinition } from '../ml/optim/optimizerDefinition.js';
import { optimizerDefinitions } from '../ml/optim/optimizerRegistry.js';
import { described } from './fieldDescriptions.js';
import { finite, lambda, weightScheduleShapes } from './hyperparameters.js';

/**
 * The optimizer part of a run config. Each single optimizer's schema lives in its definition
 * (`shared/ml/optim/optimizers/`); the unions here are built from the registry, with the composites
 * (mixers, fusion plans) that combine them.
 */

type SchemaOf<D> = D extends OptimizerDefinition<infer Schema> ? Schema : never;
type SchemasOf<Definitions extends readonly unknown[]> = { -readonly [K in keyof Definitions]: SchemaOf<Definitions[K]> };
type SingleSchemas = SchemasOf<typeof optimizerDefinitions>;
const singleSchemas = optimizerDefinitions.map((d) => d.schema) as unknown as SingleSchemas;

/** The optimizers that act on a parameter alone (every optimizer except mixers and fusion plans). */
export const singleOptimizerConfigSchema = z.discriminatedUnion('type', singleSchemas);

/** K-way mixer: w ← w − (Σ λk·ηk)·(Σ λk·dk) over any single optimizers (MAS is K = 2, SGD + Adam). */
export const mixerConfigSchema = z
  .strictObject({
    type: z.literal('mixer'),
    parts: z
      .array(z.strictObject({ weight: described(lambda('mixer weight λk (parts.weight)'), { label: 'Weight λk', help: 'This optimizer’s share of the mix (0 to 1; the weights usually sum to 1).' }), optimizer: singleOptimizerConfigSchema }))
      .min(1, { error: 'a mixer needs at least one optimizer' })
      .max(8, { error: 'a mixer takes at most 8 optimizers' }),
    /** Optional schedule of the weights: from `parts[k].weight` to `endWeights[k]` over `steps` steps. */
    weightSchedule: z
      .strictObject({
        shape: described(z.enum(weightScheduleShapes), { label: 'Weight schedule shape', help: 'How the weights move to their end values (empty: linear).' }).default('linear'),
        endWeights: described(z.array(lambda('mixer end weight (weightSchedule.endWeights)')), {
          label: 'Weights at the end',
          help: 'One per optimizer, in order, e.g. 0.8, 0.2 (empty, with the others: the weights stay fixed).',
        }),
        steps: described(z.number().int().min(1, { error: 'weight schedule steps must be >= 1' }), { label: 'Weight schedule steps', help: 'Optimizer steps over which the weights move.' }),
      })
      .optional(),
  })
  .refine((c) => c.weightSchedule === undefined || c.weightSchedule.endWeights.length === c.parts.length, {
    message: 'weightSchedule.endWeights needs one weight per optimizer',
    path: ['weightSchedule', 'endWeights'],
  });

/** The optimizer of one fusion group: a single optimizer or a mixer. */
export const groupOptimizerConfigSchema = z.union([singleOptimizerConfigSchema, mixerConfigSchema]);

/** Blocks of a fusion group: an inclusive range of indices into the model's block order, or block names. */
export const fusionBlocksSchema = z.union([
  z
    .tuple([z.number().int().min(0, { error: 'block index must be >= 0' }), z.number().int().min(0, { error: 'block index must be >= 0' })])
    .refine(([from, to]) => from <= to, { error: 'block range [from, to] needs from <= to' }),
  z.array(z.string().min(1)).min(1, { error: 'a group needs at least one block' }),
]);

/** Layer-wise fusion (seeds 001, 002): each group of blocks gets its own optimizer. */
export const fusionConfigSchema = z.strictObject({
  type: z.literal('fusion'),
  groups: z
    .array(z.strictObject({ blocks: fusionBlocksSchema, optimizer: groupOptimizerConfigSchema }))
    .min(1, { error: 'a fusion plan needs at least one group' }),
});

export const optimizerConfigSchema = z.discriminatedUnion('type', [...singleSchemas, mixerConfigSchema, fusionConfigSchema]);

export type OptimizerConfig = z.infer<typeof optimizerConfigSchema>;
export type OptimizerConfigInput = z.input<typeof optimizerConfigSchema>;
export type OptimizerType = OptimizerConfig['type'];
export type SingleOptimizerConfig = z.infer<typeof singleOptimizerConfigSchema>;
export type MixerConfig = z.infer<typeof mixerConfigSchema>;
export type GroupOptimizerConfig = z.infer<typeof groupOptimizerConfigSchema>;
export type GroupOptimizerConfigInput = z.input<typeof groupOptimizerConfigSchema>;
export type FusionConfig = z.infer<typeof fusionConfigSchema>;
export type FusionConfigInput = z.input<typeof fusionConfigSchema>;
export type FusionBlocks = z.infer<typeof fusionBlocksSchema>;
export const optimizerTypes: OptimizerType[] = optimizerConfigSchema.options.map((o) => o.shape.type.value);

/**
 * Advice that does not refuse a config: MAS with λa + λs ≠ 1 (the paper keeps the sum at 1 so the
 * step stays of the same order), a mixer whose weights do not sum to 1.
 */
export function optimizerConfigWarnings(config: OptimizerConfig): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const visit = (c: OptimizerConfig | GroupOptimizerConfig, path: string) => {
    if (c.type === 'mas' && Math.abs(c.lambdaAdam + c.lambdaSgd - 1) > 1e-9) {
      out.push({ path, message: `λa + λs = ${+(c.lambdaAdam + c.lambdaSgd).toFixed(6)}; the MAS paper keeps it at 1` });
    }
    if (c.type === 'mixer') {
      const sum = c.parts.reduce((s, p) => s + p.weight, 0);
      if (Math.abs(sum - 1) > 1e-9) out.push({ path, message: `mixer weights sum to ${+sum.toFixed(6)}, not 1` });
      c.parts.forEach((p, k) => visit(p.optimizer, `${path}.parts.${k}.optimizer`));
    }
    if (c.type === 'fusion') c.groups.forEach((g, k) => visit(g.optimizer, `${path}.groups.${k}.optimizer`));
  };
  visit(config, 'optimizer');
  return out;
}

/** Learning-rate schedules: a factor on every base learning rate, a pure function of the training position. */
export const lrScheduleConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant') }),
  z.strictObject({
    type: z.literal('step'),
    /** Multiply by gamma every `stepSize` epochs (torch StepLR). */
    stepSize: z.number().int().min(1, { error: 'step size must be >= 1 epoch' }),
    gamma: finite('gamma').refine((v) => v > 0, { error: (iss) => `Invalid gamma: ${String(iss.input)} (must be > 0)` }).default(0.1),
  }),
  z.strictObject({
    type: z.literal('multistep'),
    /** Multiply by gamma at each of these epochs (torch MultiStepLR; seed 003: ×0.1 at epoch 100). */
    milestones: z.array(z.number().int().min(1, { error: 'milestones are epochs >= 1' })).min(1, { error: 'at least one milestone' }),
    gamma: finite('gamma').refine((v) => v > 0, { error: (iss) => `Invalid gamma: ${String(iss.input)} (must be > 0)` }).default(0.1),
  }),
  z.strictObject({
    type: z.literal('cosine'),
    /** Annealed from 1 to minFactor over all training steps (torch CosineAnnealingLR with T_max = all steps). */
    minFactor: finite('minimum factor').refine((v) => v >= 0 && v <= 1, { error: (iss) => `Invalid minFactor: ${String(iss.input)} (must be in [0, 1])` }).default(0),
  }),
  z.strictObject({
    type: z.literal('warmup'),
    /** Linear warmup from startFactor to 1 over `warmupSteps`, then `after` (constant when absent). */
    warmupSteps: z.number().int().min(1, { error: 'warmup steps must be >= 1' }),
    startFactor: finite('start factor').refine((v) => v >= 0 && v <= 1, { error: (iss) => `Invalid startFactor: ${String(iss.input)} (must be in [0, 1])` }).default(0),
    after: z.enum(['constant', 'cosine']).default('constant'),
    minFactor: finite('minimum factor').refine((v) => v >= 0 && v <= 1, { error: (iss) => `Invalid minFactor: ${String(iss.input)} (must be in [0, 1])` }).default(0),
  }),
]);

export type LrScheduleConfig = z.infer<typeof lrScheduleConfigSchema>;
export type LrScheduleConfigInput = z.input<typeof lrScheduleConfigSchema>;
