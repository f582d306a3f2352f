import * as tf from '@tensorflow/tfjs-core';
import { described } from '../../../config/fieldDescriptions.js';
import { atLeastZero, epsilon, flag, learningRate, momentum, optimizerSchema, weightDecay } from '../../../config/hyperparameters.js';
import { rootTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

export interface RmspropHyper {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
}

/**
 * RMSprop as torch.optim.RMSprop:
 *   g = g + wd·w,  v = α·v + (1 − α)·g²
 *   centered: ḡ = α·ḡ + (1 − α)·g,  avg = √(v − ḡ²) + ε;  else avg = √v + ε
 *   momentum μ > 0: buf = μ·buf + g/avg, d = buf;  else d = g/avg
 *   w ← w − η·d
 * State: `square_avg`, `grad_avg` (centered), `momentum_buffer` (μ > 0).
 */
export function rmspropStep(h: RmspropHyper, input: RuleInput): RuleStep {
  const { param, tensors } = input;
  const lr = scheduledLr(h.lr, input);
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const squareAvg = movingAverage(stateOrZeros(tensors, 'square_avg', param), tf.square(grad), h.alpha);
  const next: Record<string, tf.Tensor> = { square_avg: squareAvg };
  let avg: tf.Tensor;
  if (h.centered) {
    const gradAvg = movingAverage(stateOrZeros(tensors, 'grad_avg', param), grad, h.alpha);
    next.grad_avg = gradAvg;
    avg = tf.add(tf.sqrt(tf.sub(squareAvg, tf.square(gradAvg))), h.eps);
  } else {
    avg = tf.add(tf.sqrt(squareAvg), h.eps);
  }
  let direction = tf.div(grad, avg);
  if (h.momentum > 0) {
    direction = tf.add(tf.mul(stateOrZeros(tensors, 'momentum_buffer', param), h.momentum), direction);
    next.momentum_buffer = direction;
  }
  return { direction, lr, decay: 1, tensors: next };
}

export const rmsprop = defineOptimizer({
  schema: optimizerSchema('rmsprop', {
    lr: learningRate().default(0.01),
    alpha: described(atLeastZero('alpha', 'alpha'), { label: 'α (smoothing)', help: 'Decay of the squared-gradient average.' }).default(0.99),
    eps: epsilon(1e-8),
    weightDecay: weightDecay(),
    momentum: momentum(),
    centered: flag({ label: 'Centered', help: 'Normalise by the estimated variance instead of the raw second moment.' }),
  }),
  title: 'RMSprop',
  description: 'Gradient scaled by a running RMS of past gradients; optional momentum and centering.',
  reference: 'Hinton 2012; torch.optim.RMSprop',
  createRule: (h) => ({ kind: 'rmsprop', baseLr: h.lr, compute: (input) => rmspropStep(h, input) }),
  adaptiveTerm: () => rootTerm('square_avg'),
});
