import * as tf from '@tensorflow/tfjs-core';
import type { RuleInput, RuleStep, UpdateRule } from '../updateRule.js';
import { applyWeightDecay } from './l2.js';

export interface DiffgradHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/**
 * DiffGrad (Dubey et al. 2019): Adam's step scaled per element by the friction coefficient
 *   ξ = 1 / (1 + e^(−|g_{t−1} − g_t|))   (g_0 = 0, as the authors' code)
 *   w ← w − η/(1 − β1^t) · ξ·m / (√(v / (1 − β2^t)) + ε)
 * State: `exp_avg`, `exp_avg_sq`, `previous_grad`.
 */
export function diffgradStep(h: DiffgradHyper, input: RuleInput): RuleStep {
  const { param, tensors, step } = input;
  const lr = h.lr * input.lrFactor;
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const m0 = tensors.exp_avg ?? tf.zerosLike(param);
  const v0 = tensors.exp_avg_sq ?? tf.zerosLike(param);
  const previous = tensors.previous_grad ?? tf.zerosLike(param);
  const m = tf.add(tf.mul(m0, h.beta1), tf.mul(grad, 1 - h.beta1));
  const v = tf.add(tf.mul(v0, h.beta2), tf.mul(tf.square(grad), 1 - h.beta2));
  const xi = tf.sigmoid(tf.abs(tf.sub(previous, grad)));
  const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(1 - h.beta2 ** step)), h.eps);
  const direction = tf.div(tf.mul(m, xi), denom);
  return { direction, lr: lr / (1 - h.beta1 ** step), decay: 1, tensors: { exp_avg: m, exp_avg_sq: v, previous_grad: tf.clone(grad) } };
}

export function diffgradRule(h: DiffgradHyper): UpdateRule {
  return { kind: 'diffgrad', baseLr: h.lr, compute: (input) => diffgradStep(h, input) };
}
