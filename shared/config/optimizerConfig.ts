import { z } from 'zod';

/**
 * Hyperparameters of every optimizer, named as PyTorch's torch.optim names them (in camelCase).
 * Each schema refuses the values PyTorch's constructor refuses, with a message naming the field and
 * the value ("Invalid beta parameter at index 0: 1.2").
 */

const finite = (label: string) => z.number({ error: `${label} must be a number` }).finite({ error: `${label} must be finite` });

function atLeastZero(label: string, torchName: string) {
  return finite(label).refine((v) => v >= 0, { error: (iss) => `Invalid ${torchName} value: ${String(iss.input)}` });
}

const learningRate = finite('learning rate').refine((v) => v > 0, {
  error: (iss) => `Invalid learning rate: ${String(iss.input)}`,
});
const weightDecay = atLeastZero('weight decay', 'weight_decay').default(0);
const epsilon = atLeastZero('epsilon', 'epsilon');
const momentum = atLeastZero('momentum', 'momentum');
const dampening = finite('dampening').refine((v) => v >= 0 && v <= 1, {
  error: (iss) => `Invalid dampening value: ${String(iss.input)} (must be in [0, 1])`,
});

function beta(index: number) {
  return finite(`beta${index + 1}`).refine((v) => v >= 0 && v < 1, {
    error: (iss) => `Invalid beta parameter at index ${index}: ${String(iss.input)} (must be in [0, 1))`,
  });
}

/** A mixing weight λ: in [0, 1]. */
function lambda(label: string) {
  return finite(label).refine((v) => v >= 0 && v <= 1, { error: (iss) => `Invalid ${label}: ${String(iss.input)} (must be in [0, 1])` });
}

/** As PyTorch's SGD: Nesterov momentum needs a momentum and zero dampening. */
const nesterovNeedsMomentum = (c: { nesterov: boolean; momentum: number; dampening: number }) => !c.nesterov || (c.momentum > 0 && c.dampening === 0);
const nesterovIssue = { message: 'Nesterov momentum requires a momentum and zero dampening', path: ['nesterov'] };

const adamFamily = {
  beta1: beta(0).default(0.9),
  beta2: beta(1).default(0.999),
  eps: epsilon.default(1e-8),
  weightDecay,
};

export const sgdConfigSchema = z
  .object({
    type: z.literal('sgd'),
    lr: learningRate.default(0.01),
    momentum: momentum.default(0),
    dampening: dampening.default(0),
    nesterov: z.boolean().default(false),
    weightDecay,
  })
  .refine(nesterovNeedsMomentum, nesterovIssue);

export const adamConfigSchema = z.object({
  type: z.literal('adam'),
  lr: learningRate.default(0.001),
  ...adamFamily,
  amsgrad: z.boolean().default(false),
});

export const adamwConfigSchema = z.object({
  type: z.literal('adamw'),
  lr: learningRate.default(0.001),
  ...adamFamily,
  weightDecay: atLeastZero('weight decay', 'weight_decay').default(0.01),
  amsgrad: z.boolean().default(false),
});

export const radamConfigSchema = z.object({
  type: z.literal('radam'),
  lr: learningRate.default(0.001),
  ...adamFamily,
  /** As PyTorch ≥ 2.0's `decoupled_weight_decay`: AdamW-style decay instead of L2. */
  decoupledWeightDecay: z.boolean().default(false),
});

export const nadamConfigSchema = z.object({
  type: z.literal('nadam'),
  lr: learningRate.default(0.002),
  ...adamFamily,
  momentumDecay: atLeastZero('momentum decay', 'momentum_decay').default(0.004),
  decoupledWeightDecay: z.boolean().default(false),
});

export const rmspropConfigSchema = z.object({
  type: z.literal('rmsprop'),
  lr: learningRate.default(0.01),
  alpha: atLeastZero('alpha', 'alpha').default(0.99),
  eps: epsilon.default(1e-8),
  weightDecay,
  momentum: momentum.default(0),
  centered: z.boolean().default(false),
});

export const adagradConfigSchema = z.object({
  type: z.literal('adagrad'),
  lr: learningRate.default(0.01),
  lrDecay: atLeastZero('learning rate decay', 'lr_decay').default(0),
  weightDecay,
  initialAccumulatorValue: atLeastZero('initial accumulator value', 'initial_accumulator_value').default(0),
  eps: epsilon.default(1e-10),
});

export const adabeliefConfigSchema = z.object({
  type: z.literal('adabelief'),
  lr: learningRate.default(0.001),
  ...adamFamily,
  eps: epsilon.default(1e-16),
  decoupledWeightDecay: z.boolean().default(false),
});

export const adamomentumConfigSchema = z.object({
  type: z.literal('adamomentum'),
  lr: learningRate.default(0.001),
  ...adamFamily,
  decoupledWeightDecay: z.boolean().default(false),
});

export const eadamConfigSchema = z.object({
  type: z.literal('eadam'),
  lr: learningRate.default(0.001),
  ...adamFamily,
});

export const diffgradConfigSchema = z.object({
  type: z.literal('diffgrad'),
  lr: learningRate.default(0.001),
  ...adamFamily,
});

export const adamodConfigSchema = z.object({
  type: z.literal('adamod'),
  lr: learningRate.default(0.001),
  ...adamFamily,
  beta3: beta(2).default(0.999),
});

export const madgradConfigSchema = z.object({
  type: z.literal('madgrad'),
  lr: learningRate.default(0.01),
  momentum: finite('momentum')
    .refine((v) => v >= 0 && v < 1, { error: (iss) => `Invalid momentum value: ${String(iss.input)} (must be in [0, 1))` })
    .default(0.9),
  weightDecay,
  eps: epsilon.default(1e-6),
});

/** How the two λ of MAS (or the K weights of a mixer) move from their start to their end values. */
export const weightScheduleShapes = ['linear', 'cosine', 'step'] as const;

export const masVariants = ['standard', 'linear', 'direction-correction', 'vector-combination', 'adam-normalized'] as const;
export type MasVariant = (typeof masVariants)[number];

export const masConfigSchema = z
  .object({
    type: z.literal('mas'),
    lr: learningRate.default(0.01),
    /** Separate learning rates for the two parts; both default to lr. */
    lrSgd: learningRate.optional(),
    lrAdam: learningRate.optional(),
    lambdaAdam: lambda('λa (lambdaAdam)').default(0.5),
    lambdaSgd: lambda('λs (lambdaSgd)').default(0.5),
    momentum: momentum.default(0),
    dampening: dampening.default(0),
    nesterov: z.boolean().default(false),
    ...adamFamily,
    amsgrad: z.boolean().default(false),
    /** Seed 001's variants; `standard` is seed 000's Alg. 3. */
    variant: z.enum(masVariants).default('standard'),
    /** Outer scale γ of the `linear` variant. */
    gamma: finite('γ (gamma)')
      .refine((v) => v > 0, { error: (iss) => `Invalid γ (gamma): ${String(iss.input)} (must be > 0)` })
      .default(1),
    /** Fraction p of coordinates sent to Adam's step by the `vector-combination` variant. */
    adamFraction: lambda('adam fraction p (adamFraction)').default(0.5),
    /** Seed of the fixed coordinate mask of `vector-combination`. */
    maskSeed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    /** Optional λ schedule: λa, λs move from the values above to these over `steps` optimizer steps. */
    lambdaSchedule: z
      .object({
        shape: z.enum(weightScheduleShapes).default('linear'),
        lambdaAdamEnd: lambda('λa at the end (lambdaSchedule.lambdaAdamEnd)'),
        lambdaSgdEnd: lambda('λs at the end (lambdaSchedule.lambdaSgdEnd)'),
        steps: z.number().int().min(1, { error: 'λ schedule steps must be >= 1' }),
      })
      .optional(),
  })
  .refine(nesterovNeedsMomentum, nesterovIssue);

export const swatsConfigSchema = z.object({
  type: z.literal('swats'),
  lr: learningRate.default(0.001),
  ...adamFamily,
  /** ε of the switch test |λk/(1 − β2^k) − γk| < ε (the SWATS paper uses 1e-9). */
  switchTolerance: atLeastZero('switch tolerance', 'switch tolerance').default(1e-9),
  /** `global`: the paper's Alg. 1 over all parameters at once; `per-tensor`: each tensor switches alone. */
  switchScope: z.enum(['global', 'per-tensor']).default('global'),
});

/** The optimizers that act on a parameter alone (every optimizer except mixers and fusion plans). */
export const singleOptimizerConfigSchema = z.discriminatedUnion('type', [
  sgdConfigSchema,
  adamConfigSchema,
  masConfigSchema,
  adamwConfigSchema,
  radamConfigSchema,
  nadamConfigSchema,
  rmspropConfigSchema,
  adagradConfigSchema,
  adabeliefConfigSchema,
  adamomentumConfigSchema,
  eadamConfigSchema,
  diffgradConfigSchema,
  adamodConfigSchema,
  madgradConfigSchema,
  swatsConfigSchema,
]);

/** K-way mixer: w ← w − (Σ λk·ηk)·(Σ λk·dk) over any single optimizers (MAS is K = 2, SGD + Adam). */
export const mixerConfigSchema = z
  .object({
    type: z.literal('mixer'),
    parts: z
      .array(z.object({ weight: lambda('mixer weight λk (parts.weight)'), optimizer: singleOptimizerConfigSchema }))
      .min(1, { error: 'a mixer needs at least one optimizer' })
      .max(8, { error: 'a mixer takes at most 8 optimizers' }),
    /** Optional schedule of the weights: from `parts[k].weight` to `endWeights[k]` over `steps` steps. */
    weightSchedule: z
      .object({
        shape: z.enum(weightScheduleShapes).default('linear'),
        endWeights: z.array(lambda('mixer end weight (weightSchedule.endWeights)')),
        steps: z.number().int().min(1, { error: 'weight schedule steps must be >= 1' }),
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
export const fusionConfigSchema = z.object({
  type: z.literal('fusion'),
  groups: z
    .array(z.object({ blocks: fusionBlocksSchema, optimizer: groupOptimizerConfigSchema }))
    .min(1, { error: 'a fusion plan needs at least one group' }),
});

export const optimizerConfigSchema = z.discriminatedUnion('type', [
  sgdConfigSchema,
  adamConfigSchema,
  masConfigSchema,
  adamwConfigSchema,
  radamConfigSchema,
  nadamConfigSchema,
  rmspropConfigSchema,
  adagradConfigSchema,
  adabeliefConfigSchema,
  adamomentumConfigSchema,
  eadamConfigSchema,
  diffgradConfigSchema,
  adamodConfigSchema,
  madgradConfigSchema,
  swatsConfigSchema,
  mixerConfigSchema,
  fusionConfigSchema,
]);

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
export type MasConfig = z.infer<typeof masConfigSchema>;
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
  z.object({ type: z.literal('constant') }),
  z.object({
    type: z.literal('step'),
    /** Multiply by gamma every `stepSize` epochs (torch StepLR). */
    stepSize: z.number().int().min(1, { error: 'step size must be >= 1 epoch' }),
    gamma: finite('gamma').refine((v) => v > 0, { error: (iss) => `Invalid gamma: ${String(iss.input)} (must be > 0)` }).default(0.1),
  }),
  z.object({
    type: z.literal('multistep'),
    /** Multiply by gamma at each of these epochs (torch MultiStepLR; seed 003: ×0.1 at epoch 100). */
    milestones: z.array(z.number().int().min(1, { error: 'milestones are epochs >= 1' })).min(1, { error: 'at least one milestone' }),
    gamma: finite('gamma').refine((v) => v > 0, { error: (iss) => `Invalid gamma: ${String(iss.input)} (must be > 0)` }).default(0.1),
  }),
  z.object({
    type: z.literal('cosine'),
    /** Annealed from 1 to minFactor over all training steps (torch CosineAnnealingLR with T_max = all steps). */
    minFactor: finite('minimum factor').refine((v) => v >= 0 && v <= 1, { error: (iss) => `Invalid minFactor: ${String(iss.input)} (must be in [0, 1])` }).default(0),
  }),
  z.object({
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
