import * as tf from '@tensorflow/tfjs-core';
import { adamFamily, decoupledWeightDecay, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { adamFamilyTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, biasCorrection, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

export interface RadamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  decoupledWeightDecay: boolean;
}

/**
 * RAdam as torch.optim.RAdam:
 *   m = β1·m + (1 − β1)·g,  v = β2·v + (1 − β2)·g²,  m̂ = m / (1 − β1^t)
 *   ρ∞ = 2/(1 − β2) − 1,  ρt = ρ∞ − 2t·β2^t / (1 − β2^t)
 *   ρt > 5: r = √((ρt − 4)(ρt − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρt)),  w ← w − η·r·m̂·√(1 − β2^t) / (√v + ε)
 *   else:   w ← w − η·m̂
 * State: `exp_avg`, `exp_avg_sq`.
 */
export function radamStep(h: RadamHyper, input: RuleInput): RuleStep {
  const { param, tensors, step } = input;
  const lr = scheduledLr(h.lr, input);
  const { grad, decay } = applyWeightDecay(input.grad, param, h.weightDecay, h.decoupledWeightDecay, lr);
  const m = movingAverage(stateOrZeros(tensors, 'exp_avg', param), grad, h.beta1);
  const v = movingAverage(stateOrZeros(tensors, 'exp_avg_sq', param), tf.square(grad), h.beta2);
  const bc1 = biasCorrection(h.beta1, step);
  const bc2 = biasCorrection(h.beta2, step);
  const rhoInf = 2 / (1 - h.beta2) - 1;
  const rhoT = rhoInf - (2 * step * h.beta2 ** step) / bc2;
  const next = { exp_avg: m, exp_avg_sq: v };
  if (rhoT > 5) {
    const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
    const denom = tf.div(tf.add(tf.sqrt(v), h.eps), Math.sqrt(bc2));
    return { direction: tf.div(m, denom), lr: (lr * rect) / bc1, decay, tensors: next };
  }
  return { direction: m, lr: lr / bc1, decay, tensors: next };
}

export const radam = defineOptimizer({
  schema: optimizerSchema('radam', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
    /** As PyTorch ≥ 2.0's `decoupled_weight_decay`: AdamW-style decay instead of L2. */
    decoupledWeightDecay: decoupledWeightDecay(),
  }),
  title: 'RAdam',
  description: 'Adam with a rectified (variance-corrected) adaptive step; SGD with momentum in the first steps.',
  reference: 'Liu et al. 2020; torch.optim.RAdam',
  createRule: (h) => ({ kind: 'radam', baseLr: h.lr, compute: (input) => radamStep(h, input) }),
  adaptiveTerm: (h) => adamFamilyTerm(h.beta2),
});
