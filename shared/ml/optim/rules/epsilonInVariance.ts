import * as tf from '@tensorflow/tfjs-core';
import type { RuleInput, RuleStep } from '../updateRule.js';
import { applyWeightDecay, biasCorrection, movingAverage, scheduledLr, stateOrZeros } from './optimizerMath.js';

export interface EpsilonInVarianceHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  decoupledWeightDecay?: boolean;
}

/**
 * The common step of AdaBelief, AdaMomentum and EAdam (seed 003, Table 5): ε is added to the second
 * moment at every step, s = β2·s + (1 − β2)·x² + ε, where x is g − m (AdaBelief), m (AdaMomentum)
 * or g (EAdam); then ŝ = s / (1 − β2^t) and w ← w − η/(1 − β1^t) · m / (√ŝ + ε_out), with
 * ε_out = ε for AdaBelief and 0 for AdaMomentum and EAdam, as Table 5 writes them.
 * State: `exp_avg`, `exp_avg_var`.
 */
export function epsilonInVarianceStep(
  h: EpsilonInVarianceHyper,
  input: RuleInput,
  second: 'residual' | 'momentum' | 'gradient',
  outerEps: boolean,
): RuleStep {
  const { param, tensors, step } = input;
  const lr = scheduledLr(h.lr, input);
  const { grad, decay } = applyWeightDecay(input.grad, param, h.weightDecay, h.decoupledWeightDecay ?? false, lr);
  const m = movingAverage(stateOrZeros(tensors, 'exp_avg', param), grad, h.beta1);
  const x = second === 'residual' ? tf.sub(grad, m) : second === 'momentum' ? m : grad;
  const s = tf.add(movingAverage(stateOrZeros(tensors, 'exp_avg_var', param), tf.square(x), h.beta2), h.eps);
  const bc1 = biasCorrection(h.beta1, step);
  const bc2Sqrt = Math.sqrt(biasCorrection(h.beta2, step));
  let denom = tf.div(tf.sqrt(s), bc2Sqrt);
  if (outerEps) denom = tf.add(denom, h.eps);
  return { direction: tf.div(m, denom), lr: lr / bc1, decay, tensors: { exp_avg: m, exp_avg_var: s } };
}
