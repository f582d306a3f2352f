import * as tf from '@tensorflow/tfjs-core';
import type { ImageAugment } from '../../../shared/config/datasetConfig.js';
import { createBatchAugmenter } from '../../../shared/ml/data/batchAugmenter.js';
import type { ImageDataset } from '../../../shared/ml/data/datasetTypes.js';
import { gatherBatch } from '../batches.js';
import type { SupervisedTask } from './supervisedTask.js';

/**
 * Image classification: [batch, h, w, c] float inputs, optionally augmented (seeded). `trainedOn`,
 * when only some training examples are trained on (a validation split), are the examples whose
 * channel statistics the z-score takes.
 */
export function imageTask(dataset: ImageDataset, augment: ImageAugment | undefined, seed: number, trainedOn?: Int32Array): SupervisedTask {
  const featureSize = dataset.shape[0] * dataset.shape[1] * dataset.shape[2];
  const augmenter = createBatchAugmenter(augment, dataset, seed, trainedOn);
  return {
    kind: 'classification',
    inputShape: [...dataset.shape],
    classes: dataset.classes.length,
    classNames: dataset.classes,
    trainCount: dataset.train.count,
    testCount: dataset.test.count,
    trainBatch(order, start, size) {
      const { images, labels } = gatherBatch(dataset.train, featureSize, order, start, size);
      const pixels = augmenter ? augmenter.train(images, size) : images;
      return { x: tf.tensor4d(pixels, [size, ...dataset.shape]), targets: labels };
    },
    testBatch(start, size) {
      const view = dataset.test.images.subarray(start * featureSize, (start + size) * featureSize);
      const pixels = augmenter ? augmenter.test(view, size) : view;
      return { x: tf.tensor4d(pixels, [size, ...dataset.shape]), targets: dataset.test.labels.slice(start, start + size) };
    },
    heldOutBatch(indices, start, size) {
      const { images, labels } = gatherBatch(dataset.train, featureSize, indices, start, size);
      const pixels = augmenter ? augmenter.test(images, size) : images;
      return { x: tf.tensor4d(pixels, [size, ...dataset.shape]), targets: labels };
    },
  };
}
