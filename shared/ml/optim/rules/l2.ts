import * as tf from '@tensorflow/tfjs-core';

/**
 * Weight decay of a step, PyTorch style: as an L2 term added to the gradient (g + wd·w), or
 * decoupled (AdamW: the weight is multiplied by 1 − η·wd before the step).
 */
export function applyWeightDecay(grad: tf.Tensor, param: tf.Tensor, weightDecay: number, decoupled: boolean, lr: number): { grad: tf.Tensor; decay: number } {
  if (weightDecay === 0) return { grad, decay: 1 };
  if (decoupled) return { grad, decay: 1 - lr * weightDecay };
  return { grad: tf.add(grad, tf.mul(param, weightDecay)), decay: 1 };
}
