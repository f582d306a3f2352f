import type * as tf from '@tensorflow/tfjs-core';
import type { FusedRuleStep } from './fusedStep.js';

/** Per-parameter state tensors, by name (PyTorch's `exp_avg`, `exp_avg_sq`, `momentum_buffer`, ...). */
export type ParamTensors = Record<string, tf.Tensor>;

/**
 * The state an optimizer keeps for one parameter, created on its first step: the 1-based step count
 * `t` of the parameter, its state tensors, and plain numbers some rules keep (SWATS's phase and
 * learning-rate estimate). Everything in it is serialisable.
 */
export interface ParamSlot {
  step: number;
  tensors: ParamTensors;
  scalars: Record<string, number>;
}

/** What the step of a rule asks to do to a weight w: w ← decay·w − lr·scale·direction. */
export interface RuleStep {
  /** The direction of the step up to the positive factor `scale` (the update subtracts it). */
  direction: tf.Tensor;
  /**
   * The direction d is scale·direction; a rule may leave a scalar factor of d here so that it is
   * applied with the learning rate, saving a pass over the tensor (1 when absent).
   */
  scale?: number;
  /** The effective learning rate of this step, e.g. Adam's η / (1 − β1^t). */
  lr: number;
  /** Multiplicative factor applied to w before the step (decoupled weight decay), 1 for none. */
  decay: number;
  /** The new state tensors of the parameter (the optimizer disposes the old ones). */
  tensors: ParamTensors;
}

/** Input of one step of a rule for one parameter. */
export interface RuleInput {
  grad: tf.Tensor;
  param: tf.Tensor;
  /** 1-based step of this parameter. */
  step: number;
  /** The state tensors so far; empty at the first step. */
  tensors: ParamTensors;
  /** Plain-number state; a rule may update it in place. */
  scalars: Record<string, number>;
  /** Factor on the base learning rates, set by learning-rate schedules. */
  lrFactor: number;
  /** Name of the parameter, for rules that key fixed data by parameter (masks). */
  name: string;
}

/** What a rule's fused form depends on. */
export type FusedRuleInput = Pick<RuleInput, 'step' | 'lrFactor' | 'name'>;

/**
 * One optimization algorithm as a pure step: from the gradient, the weight and the state to a
 * direction, an effective learning rate and the new state. Primitives expose direction and learning
 * rate apart so that mixers (MAS) can combine them as (Σ λk·ηk)·(Σ λk·dk).
 * `compute` runs inside `tf.tidy`; it must not dispose its inputs.
 */
export interface UpdateRule {
  readonly kind: string;
  compute(input: RuleInput): RuleStep;
  /**
   * The same step as data for the one-call kernel (fusedStep.ts), for rules made of SGD and Adam
   * parts; absent, or undefined for a step, where the rule has no such form.
   */
  fused?(input: FusedRuleInput): FusedRuleStep | undefined;
  /** The base learning rate η (before schedules), for reporting. */
  readonly baseLr: number;
  /** A mixer's parts' base learning rates, in order (MAS: ηs, ηa), each reported as `lr/part<n>`. */
  readonly partLrs?: readonly number[];
  /** Called once after every parameter of a step was updated (rules whose state spans parameters). */
  afterStep?(): void;
  /** State a rule keeps across parameters (SWATS's global switch), as plain numbers for checkpoints. */
  shared?: { export(): Record<string, number>; import(state: Record<string, number>): void };
  /** ẑ of seed 003's Table 5 from a parameter's state; absent for non-adaptive rules. */
  adaptiveTerm?(tensors: ParamTensors, step: number): tf.Tensor | null;
}

/** Prefixes the keys of a state (a mixer keeps the states of its parts apart). */
export function prefixState(prefix: string, tensors: ParamTensors): ParamTensors {
  const out: ParamTensors = {};
  for (const [key, value] of Object.entries(tensors)) out[`${prefix}${key}`] = value;
  return out;
}

/** The part of a state whose keys start with `prefix`, with the prefix removed. */
export function unprefixState(prefix: string, tensors: ParamTensors): ParamTensors {
  const out: ParamTensors = {};
  for (const [key, value] of Object.entries(tensors)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out;
}

/** Same for plain-number state: a view whose writes land, prefixed, in the parent. */
export function prefixedScalars(prefix: string, scalars: Record<string, number>): Record<string, number> {
  return new Proxy(scalars, {
    get: (target, key) => (typeof key === 'string' ? target[`${prefix}${key}`] : undefined),
    set: (target, key, value: number) => {
      if (typeof key === 'string') target[`${prefix}${key}`] = value;
      return true;
    },
    has: (target, key) => typeof key === 'string' && `${prefix}${key}` in target,
  });
}
