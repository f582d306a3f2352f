import type * as tf from '@tensorflow/tfjs-core';

/** One batch as the model sees it: inputs, and one target class per row of the model's logits. */
export interface TaskBatch {
  x: tf.Tensor;
  /** Targets, one per logit row: per sample (classification) or per position (language model). */
  targets: Int32Array;
}

/**
 * What the supervised training loop needs from a dataset: how many training/test examples there
 * are and how to make a batch of them. Images, token sequences and language-model windows differ
 * only here; the loop, the loss (mean softmax cross-entropy over logit rows) and the metrics are
 * shared.
 */
export interface SupervisedTask {
  kind: 'classification' | 'language-model';
  /** Sample shape and output count for `createModel`, and its options. */
  inputShape: number[];
  classes: number;
  /** The classes' names (classification), for the confusion matrix. */
  classNames?: string[];
  trainCount: number;
  testCount: number;
  /** A training batch of the examples order[start..start+size) (augmented when configured). */
  trainBatch(order: Int32Array, start: number, size: number): TaskBatch;
  /** The test examples [start, start+size), never augmented. */
  testBatch(start: number, size: number): TaskBatch;
  /** The training examples indices[start..start+size) as evaluation sees them (never augmented): a validation batch. */
  heldOutBatch(indices: Int32Array, start: number, size: number): TaskBatch;
}

/** Examples that are only evaluated (the test split, a validation split): how many, and a batch of them. */
export interface EvaluationSet {
  count: number;
  batch(start: number, size: number): TaskBatch;
}

/** The test split of a task as an evaluation set. */
export function testSet(task: SupervisedTask): EvaluationSet {
  return { count: task.testCount, batch: (start, size) => task.testBatch(start, size) };
}
