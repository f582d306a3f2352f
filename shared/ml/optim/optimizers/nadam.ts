import * as tf from '@tensorflow/tfjs-core';
import { described } from '../../../config/fieldDescriptions.js';
import { adamFamily, atLeastZero, decoupledWeightDecay, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { adamFamilyTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, biasCorrection, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

export interface NadamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  momentumDecay: number;
  decoupledWeightDecay: boolean;
}

/**
 * NAdam as torch.optim.NAdam (Dozat's momentum schedule):
 *   μt = β1·(1 − 0.5·0.96^(t·ψ)),  μt+1 likewise,  Πt = Π_{i≤t} μi
 *   m = β1·m + (1 − β1)·g,  v = β2·v + (1 − β2)·g²,  denom = √(v / (1 − β2^t)) + ε
 *   w ← w − η·(1 − μt)/(1 − Πt)·g/denom − η·μt+1/(1 − Πt·μt+1)·m/denom
 * State: `exp_avg`, `exp_avg_sq`, scalar `mu_product`.
 */
export function nadamStep(h: NadamHyper, input: RuleInput): RuleStep {
  const { param, tensors, step, scalars } = input;
  const lr = scheduledLr(h.lr, input);
  const { grad, decay } = applyWeightDecay(input.grad, param, h.weightDecay, h.decoupledWeightDecay, lr);
  const mu = h.beta1 * (1 - 0.5 * 0.96 ** (step * h.momentumDecay));
  const muNext = h.beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * h.momentumDecay));
  const muProduct = (scalars.mu_product ?? 1) * mu;
  scalars.mu_product = muProduct;
  const muProductNext = muProduct * muNext;
  const m = movingAverage(stateOrZeros(tensors, 'exp_avg', param), grad, h.beta1);
  const v = movingAverage(stateOrZeros(tensors, 'exp_avg_sq', param), tf.square(grad), h.beta2);
  const denom = tf.add(tf.sqrt(tf.div(v, biasCorrection(h.beta2, step))), h.eps);
  const numerator = tf.add(tf.mul(grad, (1 - mu) / (1 - muProduct)), tf.mul(m, muNext / (1 - muProductNext)));
  return { direction: tf.div(numerator, denom), lr, decay, tensors: { exp_avg: m, exp_avg_sq: v } };
}

export const nadam = defineOptimizer({
  schema: optimizerSchema('nadam', {
    lr: learningRate().default(0.002),
    ...adamFamily(),
    momentumDecay: described(atLeastZero('momentum decay', 'momentum_decay'), {
      label: 'Momentum decay ψ',
      help: 'Speed of the momentum schedule μt = β1·(1 − 0.5·0.96^(t·ψ)).',
    }).default(0.004),
    decoupledWeightDecay: decoupledWeightDecay(),
  }),
  title: 'NAdam',
  description: 'Adam with Nesterov momentum and a momentum warm-up schedule.',
  reference: 'Dozat 2016; torch.optim.NAdam',
  createRule: (h) => ({ kind: 'nadam', baseLr: h.lr, compute: (input) => nadamStep(h, input) }),
  adaptiveTerm: (h) => adamFamilyTerm(h.beta2),
});
