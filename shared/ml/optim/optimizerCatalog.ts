import {
  masVariants,
  singleOptimizerConfigSchema,
  type FusionConfigInput,
  type GroupOptimizerConfigInput,
  type OptimizerConfigInput,
  type SingleOptimizerConfig,
} from '../../config/optimizerConfig.js';

/**
 * What the New Run form shows for each optimizer: a title, one line of description, and for every
 * hyperparameter its label, default and one line of help. Plain data (defaults are read from the
 * config schemas once, so they cannot drift). Mixers and fusion plans are built from these entries.
 */

export interface HyperparameterInfo {
  key: string;
  label: string;
  help: string;
  kind: 'number' | 'boolean' | 'choice';
  /** The schema default; absent for optional fields (e.g. MAS's lrSgd, which falls back to lr). */
  defaultValue?: number | boolean | string;
  /** For numbers: a hint that a log-scale input suits (learning rates, ε). */
  logScale?: boolean;
  choices?: string[];
  /** Only relevant for these MAS variants. */
  variants?: string[];
}

export interface OptimizerInfo {
  type: SingleOptimizerConfig['type'];
  title: string;
  description: string;
  /** Where the algorithm comes from. */
  reference: string;
  /** True for the optimizers whose ε histogram (seed 003, Table 5) is meaningful. */
  adaptive: boolean;
  hyperparameters: HyperparameterInfo[];
}

const text: Record<string, { label: string; help: string; logScale?: boolean; variants?: string[] }> = {
  lr: { label: 'Learning rate η', help: 'Step size.', logScale: true },
  lrSgd: { label: 'SGD learning rate ηs', help: 'Learning rate of the SGD part; η when empty.', logScale: true },
  lrAdam: { label: 'Adam learning rate ηa', help: 'Learning rate of the Adam part; η when empty.', logScale: true },
  lambdaAdam: { label: 'λa (Adam weight)', help: 'Weight of the Adam part; the paper keeps λa + λs = 1.' },
  lambdaSgd: { label: 'λs (SGD weight)', help: 'Weight of the SGD part; the paper keeps λa + λs = 1.' },
  momentum: { label: 'Momentum μ', help: 'Heavy-ball momentum factor (0 = none).' },
  dampening: { label: 'Dampening', help: 'Fraction of the new gradient left out of the momentum buffer.' },
  nesterov: { label: 'Nesterov', help: 'Nesterov momentum (needs μ > 0 and no dampening).' },
  weightDecay: { label: 'Weight decay', help: 'L2 penalty added to the gradient (decoupled for AdamW).', logScale: true },
  decoupledWeightDecay: { label: 'Decoupled weight decay', help: 'Shrink the weights by η·wd each step (AdamW style) instead of an L2 gradient term.' },
  beta1: { label: 'β1', help: 'Decay of the first-moment (momentum) average.' },
  beta2: { label: 'β2', help: 'Decay of the second-moment average.' },
  beta3: { label: 'β3', help: 'Decay of the average of per-element step sizes that caps them.' },
  eps: { label: 'ε', help: 'Added to the denominator; large ε makes the optimizer behave like SGD (seed 003).', logScale: true },
  amsgrad: { label: 'AMSGrad', help: 'Use the maximum of past second moments.' },
  alpha: { label: 'α (smoothing)', help: 'Decay of the squared-gradient average.' },
  centered: { label: 'Centered', help: 'Normalise by the estimated variance instead of the raw second moment.' },
  lrDecay: { label: 'Learning-rate decay', help: 'η / (1 + (t − 1)·decay) at step t.' },
  initialAccumulatorValue: { label: 'Initial accumulator', help: 'Start value of the sum of squared gradients.' },
  momentumDecay: { label: 'Momentum decay ψ', help: 'Speed of the momentum schedule μt = β1·(1 − 0.5·0.96^(t·ψ)).' },
  switchTolerance: { label: 'Switch tolerance', help: 'Switch to SGD once the estimated SGD learning rate changes by less than this.', logScale: true },
  switchScope: { label: 'Switch scope', help: 'global: one switch for the whole model (the paper); per-tensor: each tensor switches alone.' },
  variant: { label: 'Variant', help: 'standard (seed 000) or one of seed 001’s variants.' },
  gamma: { label: 'Outer scale γ', help: 'Multiplies the whole MAS step (seed 001 uses 0.6).' },
  adamFraction: { label: 'Adam fraction p', help: 'Share of coordinates that take Adam’s step (fixed seeded mask).', variants: ['vector-combination'] },
  maskSeed: { label: 'Mask seed', help: 'Seed of the coordinate mask.', variants: ['vector-combination'] },
};

const typeText: Record<SingleOptimizerConfig['type'], { title: string; description: string; reference: string; adaptive: boolean }> = {
  sgd: { title: 'SGD', description: 'Stochastic gradient descent with optional (Nesterov) momentum.', reference: 'torch.optim.SGD', adaptive: false },
  adam: { title: 'Adam', description: 'Adaptive moment estimation, with L2 weight decay and AMSGrad.', reference: 'Kingma & Ba 2015; torch.optim.Adam', adaptive: true },
  mas: {
    title: 'MAS',
    description: 'Mixing Adam and SGD: w ← w − (λs·ηs + λa·ηa)·(λs·d_sgd + λa·d_adam), and seed 001’s variants.',
    reference: 'Landro, Gallo, La Grassa (seed 000, Alg. 3); Kone, Zhu, Chan (seed 001)',
    adaptive: true,
  },
  adamw: { title: 'AdamW', description: 'Adam with decoupled weight decay.', reference: 'Loshchilov & Hutter 2019; torch.optim.AdamW', adaptive: true },
  radam: { title: 'RAdam', description: 'Adam with a rectified (variance-corrected) adaptive step; SGD with momentum in the first steps.', reference: 'Liu et al. 2020; torch.optim.RAdam', adaptive: true },
  nadam: { title: 'NAdam', description: 'Adam with Nesterov momentum and a momentum warm-up schedule.', reference: 'Dozat 2016; torch.optim.NAdam', adaptive: true },
  rmsprop: { title: 'RMSprop', description: 'Gradient scaled by a running RMS of past gradients; optional momentum and centering.', reference: 'Hinton 2012; torch.optim.RMSprop', adaptive: true },
  adagrad: { title: 'AdaGrad', description: 'Gradient scaled by the root of the sum of all past squared gradients.', reference: 'Duchi et al. 2011; torch.optim.Adagrad', adaptive: true },
  adabelief: { title: 'AdaBelief', description: 'Adam whose second moment tracks the belief (g − m)², with ε added each step.', reference: 'Zhuang et al. 2020; seed 003 Table 5', adaptive: true },
  adamomentum: { title: 'AdaMomentum', description: 'Adam whose second moment averages m² instead of g², with ε added each step.', reference: 'Wang et al. 2021; seed 003 Table 5', adaptive: true },
  eadam: { title: 'EAdam', description: 'Adam with ε added to the second moment at every step.', reference: 'Yuan & Gao 2020; seed 003 Table 5', adaptive: true },
  diffgrad: { title: 'DiffGrad', description: 'Adam with a per-element friction from the change of the gradient.', reference: 'Dubey et al. 2019; seed 003 Table 5', adaptive: true },
  adamod: { title: 'AdaMod', description: 'Adam with per-element step sizes capped by their own running average.', reference: 'Ding et al. 2019; seed 003 Table 5', adaptive: true },
  madgrad: { title: 'MADGRAD', description: 'Momentumized, adaptive dual-averaged gradient method with a cube-root denominator.', reference: 'Defazio & Jelassi 2021; seed 003 Table 5', adaptive: true },
  swats: { title: 'SWATS', description: 'Adam that switches to SGD once its estimated SGD learning rate settles.', reference: 'Keskar & Socher 2017', adaptive: true },
};

function kindOf(value: unknown, key: string): HyperparameterInfo['kind'] {
  if (key === 'variant' || key === 'switchScope') return 'choice';
  return typeof value === 'boolean' ? 'boolean' : 'number';
}

function describe(type: SingleOptimizerConfig['type']): OptimizerInfo {
  const option = singleOptimizerConfigSchema.options.find((o) => o.shape.type.value === type);
  if (!option) throw new Error(`no schema for ${type}`);
  const defaults = singleOptimizerConfigSchema.parse({ type }) as Record<string, unknown>;
  const hyperparameters: HyperparameterInfo[] = [];
  for (const key of Object.keys(option.shape)) {
    if (key === 'type' || key === 'lambdaSchedule') continue;
    const t = text[key] ?? { label: key, help: '' };
    const value = defaults[key];
    const info: HyperparameterInfo = {
      key,
      label: t.label,
      help: t.help,
      kind: kindOf(value, key),
    };
    if (value !== undefined) info.defaultValue = value as HyperparameterInfo['defaultValue'];
    if (t.logScale) info.logScale = true;
    if (t.variants) info.variants = t.variants;
    if (key === 'variant') info.choices = [...masVariants];
    if (key === 'switchScope') info.choices = ['global', 'per-tensor'];
    hyperparameters.push(info);
  }
  return { type, ...typeText[type], hyperparameters };
}

/** Every single optimizer, in menu order. */
export const optimizerCatalog: OptimizerInfo[] = (Object.keys(typeText) as SingleOptimizerConfig['type'][]).map(describe);

/**
 * A fusion plan that depends on the model's block count: `first` on blocks 0..splitAfter, `rest` after
 * (seed 002's "Adam on blocks 0..k, then SGD", with k = splitAfter).
 */
export interface FusionSplit {
  first: GroupOptimizerConfigInput;
  rest: GroupOptimizerConfigInput;
  /** Last block index of the first group; negative counts from the end (−2: all but the last block). */
  splitAfter: number;
}

export interface OptimizerPreset {
  id: string;
  title: string;
  /** Which paper and table or figure it reproduces, with the training settings that go with it. */
  source: string;
  /** A config ready to use, or a split that needs the model's blocks (see `fusionSplitPlan`). */
  config?: OptimizerConfigInput;
  split?: FusionSplit;
}

/** Builds the fusion plan of a split for a model with `blockCount` blocks; null when it does not fit. */
export function fusionSplitPlan(split: FusionSplit, blockCount: number): FusionConfigInput | null {
  const last = split.splitAfter < 0 ? blockCount + split.splitAfter : split.splitAfter;
  if (last < 0 || last >= blockCount - 1) return null;
  return {
    type: 'fusion',
    groups: [
      { blocks: [0, last], optimizer: split.first },
      { blocks: [last + 1, blockCount - 1], optimizer: split.rest },
    ],
  };
}

function masPresets(table: string, lr: number, settings: string): OptimizerPreset[] {
  const pairs: [number, number][] = [
    [0.5, 0.5],
    [0.4, 0.6],
    [0.6, 0.4],
    [0.7, 0.3],
    [0.3, 0.7],
  ];
  return pairs.map(([lambdaAdam, lambdaSgd]) => ({
    id: `mas-${table.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${lambdaAdam}-${lambdaSgd}`,
    title: `MAS λa = ${lambdaAdam}, λs = ${lambdaSgd} (${table})`,
    source: `Seed 000, ${table}: ${settings}`,
    config: { type: 'mas', lr, momentum: 0.95, lambdaAdam, lambdaSgd },
  }));
}

/** Presets that reproduce the seeds' optimizer settings. */
export const optimizerPresets: OptimizerPreset[] = [
  { id: 'seed000-tab1-adam', title: 'Adam (Tab. 1 baseline)', source: 'Seed 000, Tab. 1: CIFAR-10, η = 0.001, batch 1024, 200 epochs', config: { type: 'adam', lr: 0.001 } },
  { id: 'seed000-tab1-sgd', title: 'SGD μ = 0.95 (Tab. 1 baseline)', source: 'Seed 000, Tab. 1: CIFAR-10, η = 0.001, μ = 0.95, batch 1024', config: { type: 'sgd', lr: 0.001, momentum: 0.95 } },
  ...masPresets('Tab. 1', 0.001, 'CIFAR-10, ResNet-18/34, η = 0.001, μ = 0.95, batch 1024, 200 epochs'),
  ...masPresets('Tab. 2', 0.008, 'CIFAR-100, ResNet-18/34, η = 0.008, μ = 0.95, batch 512, 200 epochs'),
  ...masPresets('Tab. 3', 0.0002, 'BERT on CoLA (50 epochs) and AG News (10 epochs), η = 0.0002, μ = 0.95, batch 100'),
  { id: 'seed000-tab3-adamw', title: 'AdamW (Tab. 3 baseline)', source: 'Seed 000, Tab. 3: η = 0.0002', config: { type: 'adamw', lr: 0.0002 } },
  {
    id: 'seed000-rosenbrock-mas',
    title: 'MAS on Rosenbrock (Fig. 4)',
    source: 'Seed 000, Fig. 4: from (3, 1), η = 1e-4, 1000 steps, λa = λs = 0.5, μ = 0',
    config: { type: 'mas', lr: 1e-4 },
  },
  {
    id: 'seed000-abs-mas',
    title: 'MAS on |x|/10 + |y| (Fig. 5)',
    source: 'Seed 000, Fig. 5: from (3, 2), η = 0.01, 400 steps, λa = λs = 0.5',
    config: { type: 'mas', lr: 0.01 },
  },
  {
    id: 'seed001-mas-linear',
    title: 'Linear MAS γ = 0.6 (seed 001)',
    source: 'Seed 001, Fig. 6–7: η = 1e-3, γ = 0.6',
    config: { type: 'mas', lr: 0.001, variant: 'linear', gamma: 0.6 },
  },
  {
    id: 'seed001-hidden-adam-output-sgd',
    title: 'Adam on hidden layers, SGD on the output (seed 001)',
    source: 'Seed 001, Fig. 2: Adam η = 1e-3 on the hidden blocks, SGD η = 1e-2 on the last block',
    split: { first: { type: 'adam', lr: 1e-3 }, rest: { type: 'sgd', lr: 1e-2 }, splitAfter: -2 },
  },
  {
    id: 'seed002-adam-blocks-0-6-then-sgd',
    title: 'Adam on blocks 0–6, SGD after (seed 002)',
    source: 'Seed 002, Tab. 2: EfficientNetV2, Adam through block 6 then SGD (defaults: Adam η = 1e-3, SGD η = 1e-2)',
    split: { first: { type: 'adam', lr: 1e-3 }, rest: { type: 'sgd', lr: 1e-2 }, splitAfter: 6 },
  },
  {
    id: 'seed002-adam-blocks-0-1-then-sgd',
    title: 'Adam on blocks 0–1, SGD after (seed 002)',
    source: 'Seed 002, Tab. 2: the shallowest split (Adam through block 1)',
    split: { first: { type: 'adam', lr: 1e-3 }, rest: { type: 'sgd', lr: 1e-2 }, splitAfter: 1 },
  },
];
