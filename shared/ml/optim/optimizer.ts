import type * as tf from '@tensorflow/tfjs-core';
import type { OptimizerState } from './optimizerState.js';

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
  /**
   * The per-element adaptive term ẑ (seed 003, Table 5) of a parameter, from the optimizer's state,
   * for ε histograms; null for non-adaptive optimizers and before the parameter's first step.
   * The caller disposes the tensor.
   */
  adaptiveTerm(paramName: string): tf.Tensor | null;
  /** The whole state as plain data (for checkpoints); reads tensors back synchronously. */
  exportState(): OptimizerState;
  /**
   * The tensors `exportState` reads, so that a caller on a backend without synchronous reads (webgpu)
   * can download them first (`await t.data()` caches the values for the synchronous read).
   */
  stateTensors(): tf.Tensor[];
  /** Restores a state from `exportState` of an optimizer of the same config and parameters. */
  importState(state: OptimizerState): void;
  dispose(): void;
}
