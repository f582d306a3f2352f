import type * as tf from '@tensorflow/tfjs-core';

/**
 * A training optimizer over a fixed set of named parameters (torch.optim semantics).
 * `step` reads the gradients (keyed by parameter name), updates the variables in place, and keeps
 * its per-parameter state itself; it disposes every intermediate tensor it makes.
 */
export interface Optimizer {
  step(grads: Record<string, tf.Tensor>): void;
  /** Multiplies every base learning rate of the optimizer; set by learning-rate schedules. */
  setLearningRateFactor(factor: number): void;
  /** The learning rate (η) in effect, for the `train/lr` metric. */
  currentLearningRate(): number;
  dispose(): void;
}
