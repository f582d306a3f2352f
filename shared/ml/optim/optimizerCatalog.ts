import { z } from 'zod';
import { fieldDescriptionOf } from '../../config/fieldDescriptions.js';
import type { FusionConfigInput, GroupOptimizerConfigInput, OptimizerConfigInput } from '../../config/optimizerConfig.js';
import type { OptimizerDefinition } from './optimizerDefinition.js';
import { optimizerDefinitions, type SingleOptimizerType } from './optimizerRegistry.js';

/**
 * Every single optimizer as plain data (for menus, the CLI's `optlab optimizers`, the ε view): title,
 * one line of description, reference, whether it has a ẑ, and for every hyperparameter its label,
 * default and one line of help. Read once from the registry's definitions (schema defaults and field
 * descriptions), so it cannot drift.
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
  /** Only relevant when the hyperparameter `key` has one of `values` (MAS's p and mask seed). */
  relevantWhen?: { key: string; values: string[] };
}

export interface OptimizerInfo {
  type: SingleOptimizerType;
  title: string;
  description: string;
  /** Where the algorithm comes from. */
  reference: string;
  /** True for the optimizers whose ε histogram (seed 003, Table 5) is meaningful: those with a ẑ. */
  adaptive: boolean;
  hyperparameters: HyperparameterInfo[];
}

/** The field's schema without its default/optional wrappers. */
function unwrapField(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function describe(definition: OptimizerDefinition): OptimizerInfo {
  const type = definition.schema.shape.type.value as SingleOptimizerType;
  const defaults = definition.schema.parse({ type }) as Record<string, unknown>;
  const hyperparameters: HyperparameterInfo[] = [];
  for (const [key, field] of Object.entries(definition.schema.shape as unknown as Record<string, z.ZodType>)) {
    const inner = unwrapField(field);
    const text = fieldDescriptionOf(field) ?? { label: key, help: '' };
    // Nested objects (MAS's λ schedule) are not form fields; they are set in the config itself.
    if (key === 'type' || inner instanceof z.ZodObject) continue;
    const value = defaults[key];
    const info: HyperparameterInfo = {
      key,
      label: text.label,
      help: text.help,
      kind: inner instanceof z.ZodEnum ? 'choice' : inner instanceof z.ZodBoolean ? 'boolean' : 'number',
    };
    if (value !== undefined) info.defaultValue = value as HyperparameterInfo['defaultValue'];
    if (text.logScale) info.logScale = true;
    if (inner instanceof z.ZodEnum) info.choices = inner.options.map(String);
    if (text.relevantWhen) info.relevantWhen = { key: text.relevantWhen.key, values: [...text.relevantWhen.values] };
    hyperparameters.push(info);
  }
  const { title, description, reference } = definition;
  return { type, title, description, reference, adaptive: definition.adaptiveTerm !== undefined, hyperparameters };
}

/** Every single optimizer, in menu order. */
export const optimizerCatalog: OptimizerInfo[] = optimizerDefinitions.map((d) => describe(d as unknown as OptimizerDefinition));

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
