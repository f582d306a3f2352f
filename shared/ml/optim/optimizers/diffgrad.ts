import * as tf from '@tensorflow/tfjs-core';
import { adamFamily, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { adamFamilyTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, biasCorrection, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

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
  const lr = scheduledLr(h.lr, input);
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const m = movingAverage(stateOrZeros(tensors, 'exp_avg', param), grad, h.beta1);
  const v = movingAverage(stateOrZeros(tensors, 'exp_avg_sq', param), tf.square(grad), h.beta2);
  const xi = tf.sigmoid(tf.abs(tf.sub(stateOrZeros(tensors, 'previous_grad', param), grad)));
  const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(biasCorrection(h.beta2, step))), h.eps);
  const direction = tf.div(tf.mul(m, xi), denom);
  return { direction, lr: lr / biasCorrection(h.beta1, step), decay: 1, tensors: { exp_avg: m, exp_avg_sq: v, previous_grad: tf.clone(grad) } };
}

export const diffgrad = defineOptimizer({
  schema: optimizerSchema('diffgrad', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
  }),
  title: 'DiffGrad',
  description: 'Adam with a per-element friction from the change of the gradient.',
  reference: 'Dubey et al. 2019; seed 003 Table 5',
  createRule: (h) => ({ kind: 'diffgrad', baseLr: h.lr, compute: (input) => diffgradStep(h, input) }),
  adaptiveTerm: (h) => adamFamilyTerm(h.beta2),
});
