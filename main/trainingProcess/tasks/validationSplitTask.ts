import type { ValidationSplit } from '../../../shared/ml/data/validationSplit.js';
import type { EvaluationSet, SupervisedTask } from './supervisedTask.js';

/**
 * A task that trains on the split's training examples only, and its held-out examples as an
 * evaluation set (batched as the test split is, never augmented). Training positions 0..n-1 of the
 * new task stand for the examples `split.train[0..n-1]`, so the loop's shuffles, batches and
 * checkpoint replays work on them unchanged.
 */
export function withValidationSplit(task: SupervisedTask, split: ValidationSplit): { task: SupervisedTask; validation: EvaluationSet } {
  const examples = (positions: Int32Array, start: number, size: number) => {
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = split.train[positions[start + i]];
    return out;
  };
  return {
    task: {
      ...task,
      trainCount: split.train.length,
      trainBatch: (order, start, size) => task.trainBatch(examples(order, start, size), 0, size),
      heldOutBatch: (positions, start, size) => task.heldOutBatch(examples(positions, start, size), 0, size),
    },
    validation: { count: split.validation.length, batch: (start, size) => task.heldOutBatch(split.validation, start, size) },
  };
}
