import * as tf from '@tensorflow/tfjs-core';
import { described } from '../../../config/fieldDescriptions.js';
import { atLeastZero, epsilon, learningRate, optimizerSchema, weightDecay } from '../../../config/hyperparameters.js';
import { rootTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, scheduledLr } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

export interface AdagradHyper {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  initialAccumulatorValue: number;
  eps: number;
}

/**
 * AdaGrad as torch.optim.Adagrad:
 *   g = g + wd·w,  η_t = η / (1 + (t − 1)·lr_decay)
 *   sum = sum + g²   (sum starts at initial_accumulator_value)
 *   w ← w − η_t·g / (√sum + ε)
 * State: `sum`.
 */
export function adagradStep(h: AdagradHyper, input: RuleInput): RuleStep {
  const { param, tensors, step } = input;
  const lr = scheduledLr(h.lr, input);
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const sum0 = tensors.sum ?? tf.fill(param.shape, h.initialAccumulatorValue, 'float32');
  const sum = tf.add(sum0, tf.square(grad));
  const clr = lr / (1 + (step - 1) * h.lrDecay);
  return { direction: tf.div(grad, tf.add(tf.sqrt(sum), h.eps)), lr: clr, decay: 1, tensors: { sum } };
}

export const adagrad = defineOptimizer({
  schema: optimizerSchema('adagrad', {
    lr: learningRate().default(0.01),
    lrDecay: described(atLeastZero('learning rate decay', 'lr_decay'), { label: 'Learning-rate decay', help: 'η / (1 + (t − 1)·decay) at step t.' }).default(0),
    weightDecay: weightDecay(),
    initialAccumulatorValue: described(atLeastZero('initial accumulator value', 'initial_accumulator_value'), {
      label: 'Initial accumulator',
      help: 'Start value of the sum of squared gradients.',
    }).default(0),
    eps: epsilon(1e-10),
  }),
  title: 'AdaGrad',
  description: 'Gradient scaled by the root of the sum of all past squared gradients.',
  reference: 'Duchi et al. 2011; torch.optim.Adagrad',
  createRule: (h) => ({ kind: 'adagrad', baseLr: h.lr, compute: (input) => adagradStep(h, input) }),
  adaptiveTerm: () => rootTerm('sum'),
});
