import * as tf from '@tensorflow/tfjs-core';
import type { RuleInput, RuleStep, UpdateRule } from '../updateRule.js';
import { applyWeightDecay } from './l2.js';

export interface AdamodHyper {
  lr: number;
  beta1: number;
  beta2: number;
  beta3: number;
  eps: number;
  weightDecay: number;
}

/**
 * AdaMod (Ding et al. 2019, Alg. 1): Adam whose per-element step sizes are capped by their own
 * exponential average,
 *   m̂ = m / (1 − β1^t),  v̂ = v / (1 − β2^t),  n = η / (√v̂ + ε)
 *   s = β3·s + (1 − β3)·n,  η̂ = min(n, s),  w ← w − η̂·m̂
 * State: `exp_avg`, `exp_avg_sq`, `exp_avg_lr` (s).
 */
export function adamodStep(h: AdamodHyper, input: RuleInput): RuleStep {
  const { param, tensors, step } = input;
  const lr = h.lr * input.lrFactor;
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const m0 = tensors.exp_avg ?? tf.zerosLike(param);
  const v0 = tensors.exp_avg_sq ?? tf.zerosLike(param);
  const s0 = tensors.exp_avg_lr ?? tf.zerosLike(param);
  const m = tf.add(tf.mul(m0, h.beta1), tf.mul(grad, 1 - h.beta1));
  const v = tf.add(tf.mul(v0, h.beta2), tf.mul(tf.square(grad), 1 - h.beta2));
  const n = tf.div(lr, tf.add(tf.sqrt(tf.div(v, 1 - h.beta2 ** step)), h.eps));
  const s = tf.add(tf.mul(s0, h.beta3), tf.mul(n, 1 - h.beta3));
  const stepSize = tf.minimum(n, s);
  const bc1 = 1 - h.beta1 ** step;
  // w ← w − η̂·m̂, written as lr·d with lr = η/(1 − β1^t) and d = (η̂/η)·m.
  return { direction: tf.mul(tf.div(stepSize, lr), m), lr: lr / bc1, decay: 1, tensors: { exp_avg: m, exp_avg_sq: v, exp_avg_lr: s } };
}

export function adamodRule(h: AdamodHyper): UpdateRule {
  return { kind: 'adamod', baseLr: h.lr, compute: (input) => adamodStep(h, input) };
}
