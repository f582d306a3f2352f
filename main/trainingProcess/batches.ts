import type { ImageSplit } from '../../shared/ml/data/datasetTypes.js';

/** Copies the examples `order[start..start+size)` of a split into one contiguous batch buffer. */
export function gatherBatch(split: ImageSplit, featureSize: number, order: Int32Array, start: number, size: number): { images: Float32Array; labels: Int32Array } {
  const images = new Float32Array(size * featureSize);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const index = order[start + i];
    images.set(split.images.subarray(index * featureSize, (index + 1) * featureSize), i * featureSize);
    labels[i] = split.labels[index];
  }
  return { images, labels };
}
