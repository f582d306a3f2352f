import type { ImageAugment } from '../../config/datasetConfig.js';
import { createRandom } from '../random.js';
import { augmentBatch, channelStats, zScoreInPlace, type ChannelStats } from './augment.js';
import type { ImageDataset } from './datasetTypes.js';

/** What a training loop applies to each image batch when a dataset config has `augment`. */
export interface BatchAugmenter {
  /** Training batches: crop/flip (seeded) then z-score. Returns a new array. */
  train(images: Float32Array, count: number): Float32Array;
  /** Evaluation batches: z-score only (no randomness). Returns a new array. */
  test(images: Float32Array, count: number): Float32Array;
  /** The training set's channel statistics, when z-scoring. */
  readonly stats?: ChannelStats;
}

/**
 * The augmenter for a run, or undefined when the config asks for nothing. Its random source is
 * seeded from the run's seed (apart from the shuffling's), so runs repeat. The z-score's statistics
 * are those of the training images, or of `trainedOn` only when some are held out for validation.
 */
export function createBatchAugmenter(augment: ImageAugment | undefined, dataset: ImageDataset, seed: number, trainedOn?: Int32Array): BatchAugmenter | undefined {
  if (!augment || (augment.cropPadding === 0 && !augment.horizontalFlip && !augment.zScore)) return undefined;
  const channels = dataset.shape[2];
  const featureSize = dataset.shape[0] * dataset.shape[1] * channels;
  const images = dataset.train.images.subarray(0, dataset.train.count * featureSize);
  const stats = augment.zScore ? channelStats(images, channels, trainedOn ? { indices: trainedOn, featureSize } : undefined) : undefined;
  const random = createRandom((seed ^ 0x0a06e17) >>> 0);
  return {
    stats,
    train: (images, count) => augmentBatch(images, dataset.shape, count, augment, random, stats),
    test: (images) => (stats ? zScoreInPlace(Float32Array.from(images), stats) : Float32Array.from(images)),
  };
}
