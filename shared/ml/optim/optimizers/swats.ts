import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { described } from '../../../config/fieldDescriptions.js';
import { adamFamily, atLeastZero, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { adamFamilyTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, biasCorrection, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { RuleInput, RuleStep, UpdateRule } from '../updateRule.js';

export interface SwatsHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  switchTolerance: number;
  /** `global`: Alg. 1 over the whole parameter vector (one switch, one Λ); `per-tensor`: each tensor alone. */
  switchScope: 'global' | 'per-tensor';
}

/** The switch test of Alg. 1 after an Adam step with pᵀp = `pp` and pᵀg = `pg` at step k. */
function switchTest(h: SwatsHyper, s: Record<string, number>, pp: number, pg: number, k: number): void {
  if (pg === 0) return;
  const gamma = pp / -pg;
  const lambda = h.beta2 * (s.lambda ?? 0) + (1 - h.beta2) * gamma;
  s.lambda = lambda;
  const corrected = lambda / (1 - h.beta2 ** k);
  if (k > 1 && Math.abs(corrected - gamma) < h.switchTolerance) {
    s.phase = 1;
    s.sgd_lr = corrected;
  }
}

/**
 * SWATS, switching from Adam to SGD (Keskar & Socher 2017, Alg. 1):
 * Adam phase:
 *   m = β1·m + (1 − β1)·g,  a = β2·a + (1 − β2)·g²
 *   p = −η·√(1 − β2^k)/(1 − β1^k) · m / (√a + ε),  w ← w + p
 *   if pᵀg ≠ 0: γ = pᵀp / (−pᵀg),  λ = β2·λ + (1 − β2)·γ
 *               if k > 1 and |λ/(1 − β2^k) − γ| < tolerance: switch to SGD with Λ = λ/(1 − β2^k)
 * SGD phase: v = β1·v + g,  w ← w − (1 − β1)·Λ·v
 * `global` (the paper's Alg. 1, w the whole parameter vector): the inner products run over all
 * parameters of the step and the switch and Λ are shared; `per-tensor`: each tensor has its own.
 * Learning-rate schedules scale Λ by the factor's change since the switch. Tensor state:
 * `exp_avg`, `exp_avg_sq`, then `momentum_buffer`; per-tensor scalars `phase`, `lambda`, `sgd_lr`
 * (per-tensor scope) or shared ones (global). Reads two numbers back per tensor per Adam step.
 */
function swatsRule(h: SwatsHyper): UpdateRule {
  const shared: Record<string, number> = { step: 0, pp: 0, pg: 0, counted: 0 };
  const global = h.switchScope === 'global';

  function compute(input: RuleInput): RuleStep {
    const { param, tensors, step } = input;
    const s = global ? shared : input.scalars;
    const lr = scheduledLr(h.lr, input);
    const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
    if (s.phase === 1) {
      const v = tf.add(tf.mul(stateOrZeros(tensors, 'momentum_buffer', param), h.beta1), grad);
      const factor = (s.switch_factor ?? 0) > 0 ? input.lrFactor / s.switch_factor : 1;
      return { direction: v, lr: (1 - h.beta1) * s.sgd_lr * factor, decay: 1, tensors: { momentum_buffer: v } };
    }
    const m = movingAverage(stateOrZeros(tensors, 'exp_avg', param), grad, h.beta1);
    const a = movingAverage(stateOrZeros(tensors, 'exp_avg_sq', param), tf.square(grad), h.beta2);
    const stepLr = (lr * Math.sqrt(biasCorrection(h.beta2, step))) / biasCorrection(h.beta1, step);
    const direction = tf.div(m, tf.add(tf.sqrt(a), h.eps));
    // p = −stepLr·d: pᵀp = stepLr²·dᵀd and pᵀg = −stepLr·dᵀg.
    const [dd, dg] = tf.stack([tf.sum(tf.square(direction)), tf.sum(tf.mul(direction, grad))]).dataSync();
    if (global) {
      shared.pp += stepLr * stepLr * dd;
      shared.pg += -stepLr * dg;
      shared.counted = 1;
      shared.pending_factor = input.lrFactor;
    } else {
      switchTest(h, s, stepLr * stepLr * dd, -stepLr * dg, step);
      if (s.phase === 1) s.switch_factor = input.lrFactor;
    }
    return { direction, lr: stepLr, decay: 1, tensors: { exp_avg: m, exp_avg_sq: a } };
  }

  return {
    kind: 'swats',
    baseLr: h.lr,
    compute,
    afterStep() {
      if (!global || shared.counted !== 1) return;
      shared.step += 1;
      switchTest(h, shared, shared.pp, shared.pg, shared.step);
      if (shared.phase === 1) shared.switch_factor = shared.pending_factor;
      shared.pp = 0;
      shared.pg = 0;
      shared.counted = 0;
    },
    shared: global
      ? {
          export: () => ({ ...shared }),
          import: (state) => {
            for (const key of Object.keys(shared)) delete shared[key];
            Object.assign(shared, { step: 0, pp: 0, pg: 0, counted: 0 }, state);
          },
        }
      : undefined,
  };
}

export const swats = defineOptimizer({
  schema: optimizerSchema('swats', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
    /** ε of the switch test |λk/(1 − β2^k) − γk| < ε (the SWATS paper uses 1e-9). */
    switchTolerance: described(atLeastZero('switch tolerance', 'switch tolerance'), {
      label: 'Switch tolerance',
      help: 'Switch to SGD once the estimated SGD learning rate changes by less than this.',
      logScale: true,
    }).default(1e-9),
    /** `global`: the paper's Alg. 1 over all parameters at once; `per-tensor`: each tensor switches alone. */
    switchScope: described(z.enum(['global', 'per-tensor']), {
      label: 'Switch scope',
      help: 'global: one switch for the whole model (the paper); per-tensor: each tensor switches alone.',
    }).default('global'),
  }),
  title: 'SWATS',
  description: 'Adam that switches to SGD once its estimated SGD learning rate settles.',
  reference: 'Keskar & Socher 2017',
  createRule: swatsRule,
  adaptiveTerm: (h) => adamFamilyTerm(h.beta2),
});
