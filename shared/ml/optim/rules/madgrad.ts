import * as tf from '@tensorflow/tfjs-core';
import type { RuleInput, RuleStep, UpdateRule } from '../updateRule.js';
import { applyWeightDecay } from './l2.js';

export interface MadgradHyper {
  lr: number;
  momentum: number;
  weightDecay: number;
  eps: number;
}

/**
 * MADGRAD (Defazio & Jelassi 2021, the authors' `madgrad.py`): dual averaging with a cube-root
 * denominator and momentum by averaging of iterates,
 *   λt = η·√t,  s = s + λt·g,  ν = ν + λt·g²,  z = w0 − s / (∛ν + ε)
 *   w ← (1 − c)·w + c·z,  c = 1 − momentum
 * Weight decay as L2 on the gradient. State: `grad_sum_sq` (ν), `s`, `x0` (w0).
 */
export function madgradStep(h: MadgradHyper, input: RuleInput): RuleStep {
  const { param, tensors, step } = input;
  const lr = h.lr * input.lrFactor;
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const x0 = tensors.x0 ?? tf.clone(param);
  const nu0 = tensors.grad_sum_sq ?? tf.zerosLike(param);
  const s0 = tensors.s ?? tf.zerosLike(param);
  const lamb = lr * Math.sqrt(step);
  const nu = tf.add(nu0, tf.mul(tf.square(grad), lamb));
  const s = tf.add(s0, tf.mul(grad, lamb));
  // ∛ν as exp(ln ν / 3): ν ≥ 0, ln 0 = −∞ gives 0; Exp and Log have fast cpu kernels, Pow does not.
  const rms = tf.add(tf.exp(tf.div(tf.log(nu), 3)), h.eps);
  const z = tf.sub(x0, tf.div(s, rms));
  const c = 1 - h.momentum;
  // w ← (1 − c)·w + c·z = w − lr·d with d = c·(w − z)/lr.
  const direction = tf.mul(tf.sub(param, z), c / lr);
  return { direction, lr, decay: 1, tensors: { x0, grad_sum_sq: nu, s } };
}

export function madgradRule(h: MadgradHyper): UpdateRule {
  return { kind: 'madgrad', baseLr: h.lr, compute: (input) => madgradStep(h, input) };
}
