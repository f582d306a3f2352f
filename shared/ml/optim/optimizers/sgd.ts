import * as tf from '@tensorflow/tfjs-core';
import { dampening, learningRate, momentum, nesterov, nesterovIssue, nesterovNeedsMomentum, optimizerSchema, weightDecay } from '../../../config/hyperparameters.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, scheduledLr } from '../rules/optimizerMath.js';
import type { FusedRuleStep } from '../fusedStep.js';
import type { FusedRuleInput, RuleInput, RuleStep, UpdateRule } from '../updateRule.js';

export interface SgdHyper {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
}

/**
 * SGD as torch.optim.SGD:
 *   d = g + wd·w
 *   with momentum μ: buf = d at the first step, else buf = μ·buf + (1 − dampening)·d;
 *                    d = nesterov ? d + μ·buf : buf
 *   w ← w − η·d
 * State: `momentum_buffer` (only with μ > 0).
 */
export function sgdStep(h: SgdHyper, input: RuleInput): RuleStep {
  const { param, tensors } = input;
  const lr = scheduledLr(h.lr, input);
  let { grad: d } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const next: Record<string, tf.Tensor> = {};
  if (h.momentum !== 0) {
    const old = tensors.momentum_buffer;
    const buf = old === undefined ? tf.clone(d) : tf.add(tf.mul(old, h.momentum), h.dampening === 0 ? d : tf.mul(d, 1 - h.dampening));
    next.momentum_buffer = buf;
    d = h.nesterov ? tf.add(d, tf.mul(buf, h.momentum)) : buf;
  }
  return { direction: d, lr, decay: 1, tensors: next };
}

/** sgdStep as data for the one-call kernel. */
export function sgdFused(h: SgdHyper, input: FusedRuleInput): FusedRuleStep {
  const part = { kind: 'sgd', prefix: '', weightDecay: h.weightDecay, momentum: h.momentum, dampening: h.dampening, nesterov: h.nesterov, relative: 1 } as const;
  return { parts: [part], lr: scheduledLr(h.lr, input), scale: 1, decay: 1 };
}

export function sgdRule(h: SgdHyper): UpdateRule {
  return { kind: 'sgd', baseLr: h.lr, compute: (input) => sgdStep(h, input), fused: (input) => sgdFused(h, input) };
}

export const sgd = defineOptimizer({
  schema: optimizerSchema('sgd', {
    lr: learningRate().default(0.01),
    momentum: momentum(),
    dampening: dampening(),
    nesterov: nesterov(),
    weightDecay: weightDecay(),
  }).refine(nesterovNeedsMomentum, nesterovIssue),
  title: 'SGD',
  description: 'Stochastic gradient descent with optional (Nesterov) momentum.',
  reference: 'torch.optim.SGD',
  createRule: sgdRule,
});
