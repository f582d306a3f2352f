import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../../../../../shared/ml/models/model.js';

/**
 * Plain gradient descent on every param of `model`, `steps` times, with the softmax cross-entropy of
 * `model.forward(x, true)` against the one-hot `targets`; returns the loss before each step.
 */
export function sgdSteps(model: Model, x: tf.Tensor, targets: tf.Tensor, steps: number, lr: number): number[] {
  const losses: number[] = [];
  const vars = model.params.map((p) => p.variable);
  for (let s = 0; s < steps; s++) {
    const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(targets, model.forward(x, true)) as tf.Scalar, vars);
    losses.push(value.dataSync()[0]);
    tf.tidy(() => {
      for (const p of model.params) p.variable.assign(tf.sub(p.variable, tf.mul(lr, grads[p.variable.name])));
    });
    value.dispose();
    tf.dispose(Object.values(grads));
  }
  return losses;
}

/** The one-hot rows of integer `labels` over `classes` classes. */
export function oneHot(labels: number[], classes: number): tf.Tensor {
  return tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
}
