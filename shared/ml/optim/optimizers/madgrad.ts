import * as tf from '@tensorflow/tfjs-core';
import { described } from '../../../config/fieldDescriptions.js';
import { epsilon, finite, learningRate, optimizerSchema, weightDecay } from '../../../config/hyperparameters.js';
import { cubeRootTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep } from '../updateRule.js';

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
  const lr = scheduledLr(h.lr, input);
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const x0 = tensors.x0 ?? tf.clone(param);
  const lamb = lr * Math.sqrt(step);
  const nu = tf.add(stateOrZeros(tensors, 'grad_sum_sq', param), tf.mul(tf.square(grad), lamb));
  const s = tf.add(stateOrZeros(tensors, 's', param), tf.mul(grad, lamb));
  // ∛ν as exp(ln ν / 3): ν ≥ 0, ln 0 = −∞ gives 0; Exp and Log have fast cpu kernels, Pow does not.
  const rms = tf.add(tf.exp(tf.div(tf.log(nu), 3)), h.eps);
  const z = tf.sub(x0, tf.div(s, rms));
  const c = 1 - h.momentum;
  // w ← (1 − c)·w + c·z = w − lr·d with d = c·(w − z)/lr.
  const direction = tf.mul(tf.sub(param, z), c / lr);
  return { direction, lr, decay: 1, tensors: { x0, grad_sum_sq: nu, s } };
}

export const madgrad = defineOptimizer({
  schema: optimizerSchema('madgrad', {
    lr: learningRate().default(0.01),
    momentum: described(
      finite('momentum').refine((v) => v >= 0 && v < 1, { error: (iss) => `Invalid momentum value: ${String(iss.input)} (must be in [0, 1))` }),
      { label: 'Momentum μ', help: 'Momentum by averaging of iterates, in [0, 1).' },
    ).default(0.9),
    weightDecay: weightDecay(),
    eps: epsilon(1e-6),
  }),
  title: 'MADGRAD',
  description: 'Momentumized, adaptive dual-averaged gradient method with a cube-root denominator.',
  reference: 'Defazio & Jelassi 2021; seed 003 Table 5',
  createRule: (h) => ({ kind: 'madgrad', baseLr: h.lr, compute: (input) => madgradStep(h, input) }),
  adaptiveTerm: () => cubeRootTerm(),
});
