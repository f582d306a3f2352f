import * as tf from '@tensorflow/tfjs-core';
import { adamFamily, beta, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { adamFamilyTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, biasCorrection, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

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
  const lr = scheduledLr(h.lr, input);
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const m = movingAverage(stateOrZeros(tensors, 'exp_avg', param), grad, h.beta1);
  const v = movingAverage(stateOrZeros(tensors, 'exp_avg_sq', param), tf.square(grad), h.beta2);
  const n = tf.div(lr, tf.add(tf.sqrt(tf.div(v, biasCorrection(h.beta2, step))), h.eps));
  const s = movingAverage(stateOrZeros(tensors, 'exp_avg_lr', param), n, h.beta3);
  const stepSize = tf.minimum(n, s);
  const bc1 = biasCorrection(h.beta1, step);
  // w ← w − η̂·m̂, written as lr·d with lr = η/(1 − β1^t) and d = (η̂/η)·m.
  return { direction: tf.mul(tf.div(stepSize, lr), m), lr: lr / bc1, decay: 1, tensors: { exp_avg: m, exp_avg_sq: v, exp_avg_lr: s } };
}

export const adamod = defineOptimizer({
  schema: optimizerSchema('adamod', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
    beta3: beta(2, 0.999, 'Decay of the average of per-element step sizes that caps them.'),
  }),
  title: 'AdaMod',
  description: 'Adam with per-element step sizes capped by their own running average.',
  reference: 'Ding et al. 2019; seed 003 Table 5',
  createRule: (h) => ({ kind: 'adamod', baseLr: h.lr, compute: (input) => adamodStep(h, input) }),
  adaptiveTerm: (h) => adamFamilyTerm(h.beta2),
});
