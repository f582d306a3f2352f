import * as tf from '@tensorflow/tfjs-core';
import type { ParamTensors, RuleInput } from '../updateRule.js';

/**
 * The small pieces of math that many rules share. Each rule still writes its whole algorithm in its
 * doc comment; these only keep the repeated lines in one place.
 */

/** The base learning rate η times the schedule's factor at this step. */
export function scheduledLr(lr: number, input: Pick<RuleInput, 'lrFactor'>): number {
  return lr * input.lrFactor;
}

/**
 * Weight decay of a step, PyTorch style: as an L2 term added to the gradient (g + wd·w), or
 * decoupled (AdamW: the weight is multiplied by 1 − η·wd before the step).
 */
export function applyWeightDecay(grad: tf.Tensor, param: tf.Tensor, weightDecay: number, decoupled: boolean, lr: number): { grad: tf.Tensor; decay: number } {
  if (weightDecay === 0) return { grad, decay: 1 };
  if (decoupled) return { grad, decay: 1 - lr * weightDecay };
  return { grad: tf.add(grad, tf.mul(param, weightDecay)), decay: 1 };
}

/** An exponential moving average of `x`: β·avg + (1 − β)·x (a moment of Adam and its relatives). */
export function movingAverage(avg: tf.Tensor, x: tf.Tensor, beta: number): tf.Tensor {
  return tf.add(tf.mul(avg, beta), tf.mul(x, 1 - beta));
}

/** The bias correction 1 − β^t of a moving average started at zero, after step t. */
export function biasCorrection(beta: number, step: number): number {
  return 1 - beta ** step;
}

/** A state tensor of the parameter, zeros before its first step. */
export function stateOrZeros(tensors: ParamTensors, key: string, param: tf.Tensor): tf.Tensor {
  return tensors[key] ?? tf.zerosLike(param);
}
