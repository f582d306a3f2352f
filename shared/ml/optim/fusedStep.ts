/**
 * An optimizer step of every parameter in one kernel call. A rule that can be written as a mix of
 * torch.optim's SGD and Adam rules (SGD, Adam, AdamW, MAS and its `linear` variant) describes its
 * step for one parameter as data (`FusedRuleStep`); the optimizer hands the steps of all parameters
 * to the kernel `OptlabOptimizerStep` when the active backend has it (the fast CPU path registers it),
 * which updates weights and state element by element in one pass, rounding each operation as the
 * rule's tfjs ops do. Elsewhere the rule's own `compute` runs.
 */
export const optimizerStepKernelName = 'OptlabOptimizerStep';

/** SGD's direction: d = g (+ wd·w); with momentum μ, buf = μ·buf + (1 − dampening)·d; d = nesterov ? d + μ·buf : buf. */
export interface FusedSgdPart {
  kind: 'sgd';
  /** Prefix of the part's state keys (`sgd.` in MAS, '' alone). */
  prefix: string;
  weightDecay: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  /** The part's direction enters the step's direction times this (1: as it is). */
  relative: number;
}

/** Adam's direction: m, v as torch.optim.Adam; d = m / (√v / √(1 − β2^t) + ε), or with AMSGrad m / (√vmax + ε·√(1 − β2^t)). */
export interface FusedAdamPart {
  kind: 'adam';
  prefix: string;
  /** L2 weight decay added to the gradient (AdamW's decoupled decay is the step's `decay`). */
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** √(1 − β2^t) at this step. */
  biasCorrection2Sqrt: number;
  amsgrad: boolean;
  relative: number;
}

export type FusedPart = FusedSgdPart | FusedAdamPart;

/** One parameter's step: w ← decay·w − lr·scale·Σ relative_k·d_k (as RuleOptimizer applies a RuleStep). */
export interface FusedRuleStep {
  parts: FusedPart[];
  lr: number;
  scale: number;
  decay: number;
}

/** The state keys a part reads and writes, in the order the kernel takes and returns them. */
export function fusedStateKeys(part: FusedPart): string[] {
  if (part.kind === 'sgd') return part.momentum === 0 ? [] : [`${part.prefix}momentum_buffer`];
  const keys = [`${part.prefix}exp_avg`, `${part.prefix}exp_avg_sq`];
  return part.amsgrad ? [...keys, `${part.prefix}max_exp_avg_sq`] : keys;
}

/** What the kernel is given for one parameter (inputs are named `<index>:weight`, `<index>:grad`, `<index>:<state key>`). */
export interface FusedParamAttrs {
  step: FusedRuleStep;
}
