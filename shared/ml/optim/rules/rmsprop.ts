import * as tf from '@tensorflow/tfjs-core';
import type { RuleInput, RuleStep, UpdateRule } from '../updateRule.js';
import { applyWeightDecay } from './l2.js';

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
  const lr = h.lr * input.lrFactor;
  const { grad } = applyWeightDecay(input.grad, param, h.weightDecay, false, lr);
  const sq0 = tensors.square_avg ?? tf.zerosLike(param);
  const squareAvg = tf.add(tf.mul(sq0, h.alpha), tf.mul(tf.square(grad), 1 - h.alpha));
  const next: Record<string, tf.Tensor> = { square_avg: squareAvg };
  let avg: tf.Tensor;
  if (h.centered) {
    const ga0 = tensors.grad_avg ?? tf.zerosLike(param);
    const gradAvg = tf.add(tf.mul(ga0, h.alpha), tf.mul(grad, 1 - h.alpha));
    next.grad_avg = gradAvg;
    avg = tf.add(tf.sqrt(tf.sub(squareAvg, tf.square(gradAvg))), h.eps);
  } else {
    avg = tf.add(tf.sqrt(squareAvg), h.eps);
  }
  let direction = tf.div(grad, avg);
  if (h.momentum > 0) {
    const buf0 = tensors.momentum_buffer ?? tf.zerosLike(param);
    direction = tf.add(tf.mul(buf0, h.momentum), direction);
    next.momentum_buffer = direction;
  }
  return { direction, lr, decay: 1, tensors: next };
}

export function rmspropRule(h: RmspropHyper): UpdateRule {
  return { kind: 'rmsprop', baseLr: h.lr, compute: (input) => rmspropStep(h, input) };
}
