import * as tf from '@tensorflow/tfjs-core';
import type { LanguageModelDataset } from '../../../shared/ml/data/datasetTypes.js';
import type { SupervisedTask } from './supervisedTask.js';

/**
 * Language modeling: the token stream cut into non-overlapping windows of seqLength + 1 tokens;
 * inputs are a window's first seqLength tokens, targets the next token at every position
 * (flattened to batch·seqLength rows, as the LSTM's logits are). Windows are shuffled as examples.
 */
export function languageModelTask(dataset: LanguageModelDataset): SupervisedTask {
  const steps = dataset.seqLength;
  const windows = (stream: Int32Array) => Math.max(0, Math.floor((stream.length - 1) / steps));
  const batch = (stream: Int32Array, indices: ArrayLike<number>) => {
    const inputs = new Int32Array(indices.length * steps);
    const targets = new Int32Array(indices.length * steps);
    for (let i = 0; i < indices.length; i++) {
      const from = indices[i] * steps;
      inputs.set(stream.subarray(from, from + steps), i * steps);
      targets.set(stream.subarray(from + 1, from + steps + 1), i * steps);
    }
    return { x: tf.tensor2d(inputs, [indices.length, steps], 'int32'), targets };
  };
  const trainCount = windows(dataset.train);
  const testCount = windows(dataset.test);
  if (trainCount === 0 || testCount === 0) {
    throw new Error(`the ${dataset.name} corpus is shorter than one sequence of ${steps + 1} tokens in its ${trainCount === 0 ? 'training' : 'test'} split`);
  }
  return {
    kind: 'language-model',
    inputShape: [steps],
    classes: dataset.vocabulary.length,
    trainCount,
    testCount,
    trainBatch: (order, start, size) => batch(dataset.train, order.subarray(start, start + size)),
    testBatch: (start, size) => batch(dataset.test, Int32Array.from({ length: size }, (_, i) => start + i)),
    heldOutBatch: (indices, start, size) => batch(dataset.train, indices.subarray(start, start + size)),
  };
}
