import * as tf from '@tensorflow/tfjs-core';
import type { RuleInput, RuleStep, UpdateRule } from '../updateRule.js';
import { applyWeightDecay } from './l2.js';

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
  const lr = h.lr * input.lrFactor;
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const sum0 = tensors.sum ?? tf.fill(param.shape, h.initialAccumulatorValue, 'float32');
  const sum = tf.add(sum0, tf.square(grad));
  const clr = lr / (1 + (step - 1) * h.lrDecay);
  return { direction: tf.div(grad, tf.add(tf.sqrt(sum), h.eps)), lr: clr, decay: 1, tensors: { sum } };
}

export function adagradRule(h: AdagradHyper): UpdateRule {
  return { kind: 'adagrad', baseLr: h.lr, compute: (input) => adagradStep(h, input) };
}
