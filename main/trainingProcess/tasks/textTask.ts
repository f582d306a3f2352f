import * as tf from '@tensorflow/tfjs-core';
import type { TextClassificationDataset, TokenSplit } from '../../../shared/ml/data/datasetTypes.js';
import type { SupervisedTask } from './supervisedTask.js';

/** Text classification: [batch, maxLength] token ids (0 = padding), one label per sequence. */
export function textTask(dataset: TextClassificationDataset): SupervisedTask {
  const length = dataset.maxLength;
  const rows = (split: TokenSplit, indices: ArrayLike<number>) => {
    const tokens = new Int32Array(indices.length * length);
    const targets = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i];
      tokens.set(split.tokens.subarray(index * length, (index + 1) * length), i * length);
      targets[i] = split.labels[index];
    }
    return { x: tf.tensor2d(tokens, [indices.length, length], 'int32'), targets };
  };
  return {
    kind: 'classification',
    inputShape: [length],
    classes: dataset.classes.length,
    classNames: dataset.classes,
    trainCount: dataset.train.count,
    testCount: dataset.test.count,
    trainBatch: (order, start, size) => rows(dataset.train, order.subarray(start, start + size)),
    testBatch: (start, size) => rows(dataset.test, Int32Array.from({ length: size }, (_, i) => start + i)),
    heldOutBatch: (indices, start, size) => rows(dataset.train, indices.subarray(start, start + size)),
  };
}
