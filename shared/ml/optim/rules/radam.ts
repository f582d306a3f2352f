import * as tf from '@tensorflow/tfjs-core';
import type { RuleInput, RuleStep, UpdateRule } from '../updateRule.js';
import { applyWeightDecay } from './l2.js';

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
  const lr = h.lr * input.lrFactor;
  const { grad, decay } = applyWeightDecay(input.grad, param, h.weightDecay, h.decoupledWeightDecay, lr);
  const m0 = tensors.exp_avg ?? tf.zerosLike(param);
  const v0 = tensors.exp_avg_sq ?? tf.zerosLike(param);
  const m = tf.add(tf.mul(m0, h.beta1), tf.mul(grad, 1 - h.beta1));
  const v = tf.add(tf.mul(v0, h.beta2), tf.mul(tf.square(grad), 1 - h.beta2));
  const bc1 = 1 - h.beta1 ** step;
  const bc2 = 1 - h.beta2 ** step;
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

export function radamRule(h: RadamHyper): UpdateRule {
  return { kind: 'radam', baseLr: h.lr, compute: (input) => radamStep(h, input) };
}
