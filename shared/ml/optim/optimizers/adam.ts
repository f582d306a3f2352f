import * as tf from '@tensorflow/tfjs-core';
import { adamFamily, amsgrad, learningRate, optimizerSchema } from '../../../config/hyperparameters.js';
import { adamFamilyTerm } from '../adaptiveTerm.js';
import { defineOptimizer } from '../optimizerDefinition.js';
import { applyWeightDecay, biasCorrection, movingAverage, scheduledLr, stateOrZeros } from '../rules/optimizerMath.js';
import type { FusedRuleStep } from '../fusedStep.js';
import type { FusedRuleInput, RuleInput, RuleStep, UpdateRule } from '../updateRule.js';

export interface AdamHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  /** AdamW: weight decay decoupled from the gradient, w ← w·(1 − η·wd) before the step. */
  decoupled?: boolean;
}

/**
 * A kernel of the fast CPU path (registered by the training process when the native kernels are
 * built) that computes Adam's new moments and direction in one pass: [m', v', m'/(√v'/c + ε)].
 */
export const adamDirectionKernelName = 'OptlabAdamDirection';

function hasAdamDirectionKernel(): boolean {
  return tf.getKernel(adamDirectionKernelName, tf.getBackend()) !== undefined;
}

/**
 * Adam as torch.optim.Adam (and AdamW with `decoupled`):
 *   g = g + wd·w                       (L2; AdamW instead multiplies w by 1 − η·wd first)
 *   m = β1·m + (1 − β1)·g
 *   v = β2·v + (1 − β2)·g²             (amsgrad: vmax = max(vmax, v), used in place of v)
 *   denom = √v / √(1 − β2^t) + ε
 *   d = m / denom,  η_a = η / (1 − β1^t),  w ← w − η_a·d
 * State: `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq` (amsgrad).
 */
export function adamStep(h: AdamHyper, input: RuleInput): RuleStep {
  const { param, tensors, step } = input;
  const lr = scheduledLr(h.lr, input);
  const { grad, decay } = applyWeightDecay(input.grad, param, h.weightDecay, h.decoupled ?? false, lr);
  const m0 = stateOrZeros(tensors, 'exp_avg', param);
  const v0 = stateOrZeros(tensors, 'exp_avg_sq', param);
  const biasCorrection1 = biasCorrection(h.beta1, step);
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection(h.beta2, step));
  if (!h.amsgrad && hasAdamDirectionKernel()) {
    const attrs = { beta1: h.beta1, beta2: h.beta2, eps: h.eps, biasCorrection2Sqrt };
    const [m, v, direction] = tf.engine().runKernel(adamDirectionKernelName, { grad, m: m0, v: v0 }, attrs) as tf.Tensor[];
    return { direction, lr: lr / biasCorrection1, decay, tensors: { exp_avg: m, exp_avg_sq: v } };
  }
  // m + (1 − β1)·(g − m), as torch's lerp_ (and the fused kernel) computes β1·m + (1 − β1)·g.
  const m = tf.add(m0, tf.mul(tf.sub(grad, m0), 1 - h.beta1));
  const v = movingAverage(v0, tf.square(grad), h.beta2);
  const next: Record<string, tf.Tensor> = { exp_avg: m, exp_avg_sq: v };
  let vUsed = v;
  if (h.amsgrad) {
    const vmax = tensors.max_exp_avg_sq === undefined ? v : tf.maximum(tensors.max_exp_avg_sq, v);
    next.max_exp_avg_sq = vmax === v ? tf.clone(v) : vmax;
    vUsed = vmax;
  }
  // m / (√v/c + ε) = c · m / (√v + ε·c) with c = √(1 − β2^t): the factor c goes out as the scale.
  const direction = tf.div(m, tf.add(tf.sqrt(vUsed), h.eps * biasCorrection2Sqrt));
  return { direction, scale: biasCorrection2Sqrt, lr: lr / biasCorrection1, decay, tensors: next };
}

/** adamStep as data for the one-call kernel: the same numbers, the direction of the fused kernel (or of AMSGrad). */
export function adamFused(h: AdamHyper, input: FusedRuleInput): FusedRuleStep {
  const lr = scheduledLr(h.lr, input);
  const decoupled = h.decoupled ?? false;
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection(h.beta2, input.step));
  const part = {
    kind: 'adam',
    prefix: '',
    weightDecay: decoupled ? 0 : h.weightDecay,
    beta1: h.beta1,
    beta2: h.beta2,
    eps: h.eps,
    biasCorrection2Sqrt,
    amsgrad: h.amsgrad,
    relative: 1,
  } as const;
  return {
    parts: [part],
    lr: lr / biasCorrection(h.beta1, input.step),
    scale: h.amsgrad ? biasCorrection2Sqrt : 1,
    decay: decoupled && h.weightDecay !== 0 ? 1 - lr * h.weightDecay : 1,
  };
}

export function adamRule(h: AdamHyper): UpdateRule {
  return { kind: h.decoupled ? 'adamw' : 'adam', baseLr: h.lr, compute: (input) => adamStep(h, input), fused: (input) => adamFused(h, input) };
}

export const adam = defineOptimizer({
  schema: optimizerSchema('adam', {
    lr: learningRate().default(0.001),
    ...adamFamily(),
    amsgrad: amsgrad(),
  }),
  title: 'Adam',
  description: 'Adaptive moment estimation, with L2 weight decay and AMSGrad.',
  reference: 'Kingma & Ba 2015; torch.optim.Adam',
  createRule: adamRule,
  adaptiveTerm: (h) => adamFamilyTerm(h.beta2, '', h.amsgrad),
});
