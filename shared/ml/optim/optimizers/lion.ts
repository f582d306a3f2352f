import * as tf from '@tensorflow/tfjs-core';
import type { z } from 'zod';
import { beta, learningRate, optimizerSchema, weightDecay } from '../../../config/hyperparameters.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

const schema = optimizerSchema('lion', {
  lr: learningRate().default(1e-4),
  beta1: beta(0, 0.9, 'Weight of the momentum in the update’s sign: c = β1·m + (1 − β1)·g.'),
  beta2: beta(1, 0.99, 'Decay of the momentum m.'),
  weightDecay: weightDecay(0, 'Decoupled: the weights shrink by η·wd each step.'),
});

/**
 * Lion, EvoLved Sign Momentum (Chen et al. 2023, Alg. 2; as lucidrains' lion-pytorch):
 *   c = β1·m + (1 − β1)·g
 *   w ← w − η·(sign(c) + wd·w)        (decoupled weight decay)
 *   m = β2·m + (1 − β2)·g
 * No adaptive denominator, so no ẑ and no ε. State: `exp_avg` (m).
 */
function lionStep(h: z.output<typeof schema>, input: RuleInput): RuleStep {
  const { grad, param, tensors } = input;
  const lr = scheduledLr(h.lr, input);
  const { decay } = applyWeightDecay(grad, param, h.weightDecay, true, lr);
  const m0 = stateOrZeros(tensors, 'exp_avg', param);
  const direction = tf.sign(movingAverage(m0, grad, h.beta1));
  return { direction, lr, decay, tensors: { exp_avg: movingAverage(m0, grad, h.beta2) } };
}

export const lion = defineOptimizer({
  schema,
  title: 'Lion',
  description: 'Sign of an interpolated momentum, with decoupled weight decay (found by program search).',
  reference: 'Chen et al. 2023, Symbolic Discovery of Optimization Algorithms; lucidrains/lion-pytorch',
  createRule: (h) => ({ kind: 'lion', baseLr: h.lr, compute: (input) => lionStep(h, input) }),
});
