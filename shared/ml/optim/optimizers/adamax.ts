import * as tf from '@tensorflow/tfjs-core';
import type { z } from 'zod';
import { beta, epsilon, learningRate, optimizerSchema, weightDecay } from '../../../config/hyperparameters.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, biasCorrection, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

const schema = optimizerSchema('adamax', {
  lr: learningRate().default(0.002),
  beta1: beta(0, 0.9),
  beta2: beta(1, 0.999, 'Decay of the running maximum of |g|.'),
  eps: epsilon(1e-8, 'Added to |g| inside the running maximum.'),
  weightDecay: weightDecay(),
});

/**
 * Adamax as torch.optim.Adamax (Kingma & Ba 2015, Sec. 7.1, Adam with the infinity norm):
 *   g = g + wd·w
 *   m = β1·m + (1 − β1)·g
 *   u = max(β2·u, |g| + ε)
 *   w ← w − η/(1 − β1^t) · m / u
 * State: `exp_avg`, `exp_inf` (u).
 */
function adamaxStep(h: z.output<typeof schema>, input: RuleInput): RuleStep {
  const { param, tensors, step } = input;
  const lr = scheduledLr(h.lr, input);
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const m = movingAverage(stateOrZeros(tensors, 'exp_avg', param), grad, h.beta1);
  const u = tf.maximum(tf.mul(stateOrZeros(tensors, 'exp_inf', param), h.beta2), tf.add(tf.abs(grad), h.eps));
  return { direction: tf.div(m, u), lr: lr / biasCorrection(h.beta1, step), decay: 1, tensors: { exp_avg: m, exp_inf: u } };
}

export const adamax = defineOptimizer({
  schema,
  title: 'Adamax',
  description: 'Adam with the infinity norm: the step is scaled by a decaying running maximum of |g|.',
  reference: 'Kingma & Ba 2015, Sec. 7.1; torch.optim.Adamax',
  createRule: (h) => ({ kind: 'adamax', baseLr: h.lr, compute: (input) => adamaxStep(h, input) }),
  // ẑ = u − ε (clamped at 0): the maximum holds |g| + ε, so this is the gradient scale the denominator
  // adapts to (exact when the current |g| sets the maximum).
  adaptiveTerm: (h) => (tensors) => (tensors.exp_inf === undefined ? null : tf.relu(tf.sub(tensors.exp_inf, h.eps))),
});
