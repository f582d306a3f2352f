import * as tf from '@tensorflow/tfjs-core';
import type { RuleInput, RuleStep, UpdateRule } from '../updateRule.js';
import { applyWeightDecay } from './l2.js';

export interface SwatsHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  switchTolerance: number;
}

/**
 * SWATS, switching from Adam to SGD (Keskar & Socher 2017, Alg. 1), per parameter tensor:
 * Adam phase:
 *   m = β1·m + (1 − β1)·g,  a = β2·a + (1 − β2)·g²
 *   p = −η·√(1 − β2^t)/(1 − β1^t) · m / (√a + ε),  w ← w + p
 *   if pᵀg ≠ 0: γ = pᵀp / (−pᵀg),  λ = β2·λ + (1 − β2)·γ
 *               if t > 1 and |λ/(1 − β2^t) − γ| < tolerance: switch, Λ = λ/(1 − β2^t)
 * SGD phase (after the switch): v = β1·v + g,  w ← w − (1 − β1)·Λ·v
 * Learning-rate schedules scale Λ too. State: `exp_avg`, `exp_avg_sq`, `momentum_buffer` (SGD phase);
 * scalars `phase` (0 Adam, 1 SGD), `lambda`, `sgd_lr` (Λ). Reads two numbers back per Adam step.
 */
export function swatsStep(h: SwatsHyper, input: RuleInput): RuleStep {
  const { param, tensors, step, scalars } = input;
  const lr = h.lr * input.lrFactor;
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  if (scalars.phase === 1) {
    const v0 = tensors.momentum_buffer ?? tf.zerosLike(param);
    const v = tf.add(tf.mul(v0, h.beta1), grad);
    return { direction: v, lr: (1 - h.beta1) * scalars.sgd_lr * input.lrFactor, decay: 1, tensors: { momentum_buffer: v } };
  }
  const m0 = tensors.exp_avg ?? tf.zerosLike(param);
  const a0 = tensors.exp_avg_sq ?? tf.zerosLike(param);
  const m = tf.add(tf.mul(m0, h.beta1), tf.mul(grad, 1 - h.beta1));
  const a = tf.add(tf.mul(a0, h.beta2), tf.mul(tf.square(grad), 1 - h.beta2));
  const bc2 = 1 - h.beta2 ** step;
  const stepLr = (lr * Math.sqrt(bc2)) / (1 - h.beta1 ** step);
  const direction = tf.div(m, tf.add(tf.sqrt(a), h.eps));
  // p = −stepLr·d, so pᵀp = stepLr²·dᵀd and −pᵀg = stepLr·dᵀg.
  const [dd, dg] = tf.stack([tf.sum(tf.square(direction)), tf.sum(tf.mul(direction, grad))]).dataSync();
  if (dg !== 0) {
    const gamma = (stepLr * dd) / dg;
    const lambda = h.beta2 * (scalars.lambda ?? 0) + (1 - h.beta2) * gamma;
    scalars.lambda = lambda;
    if (step > 1 && Math.abs(lambda / bc2 - gamma) < h.switchTolerance) {
      scalars.phase = 1;
      scalars.sgd_lr = input.lrFactor > 0 ? lambda / bc2 / input.lrFactor : lambda / bc2;
    }
  }
  return { direction, lr: stepLr, decay: 1, tensors: { exp_avg: m, exp_avg_sq: a } };
}

export function swatsRule(h: SwatsHyper): UpdateRule {
  return { kind: 'swats', baseLr: h.lr, compute: (input) => swatsStep(h, input) };
}
