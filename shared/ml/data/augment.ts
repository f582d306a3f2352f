import type { ImageAugment } from '../../config/datasetConfig.js';

/** Per-channel mean and standard deviation (population) of a set of channels-last images. */
export interface ChannelStats {
  mean: Float32Array;
  std: Float32Array;
}

/**
 * The channel statistics of channels-last images; with `examples` (and each image's `featureSize`),
 * of those images only (the examples trained on when some are held out).
 */
export function channelStats(images: Float32Array, channels: number, examples?: { indices: Int32Array; featureSize: number }): ChannelStats {
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  const add = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const c = i % channels;
      sum[c] += images[i];
      sumSq[c] += images[i] * images[i];
    }
  };
  let values = images.length;
  if (examples) {
    const { indices, featureSize } = examples;
    for (const index of indices) add(index * featureSize, (index + 1) * featureSize);
    values = indices.length * featureSize;
  } else add(0, images.length);
  const n = values / channels;
  const mean = new Float32Array(channels);
  const std = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const m = n > 0 ? sum[c] / n : 0;
    mean[c] = m;
    std[c] = n > 0 ? Math.sqrt(Math.max(0, sumSq[c] / n - m * m)) : 1;
  }
  return { mean, std };
}

/** (x − mean) / std per channel, in place; a constant channel (std 0) is only centred. */
export function zScoreInPlace(images: Float32Array, stats: ChannelStats): Float32Array {
  const channels = stats.mean.length;
  for (let i = 0; i < images.length; i++) {
    const c = i % channels;
    const s = stats.std[c];
    images[i] = s > 0 ? (images[i] - stats.mean[c]) / s : images[i] - stats.mean[c];
  }
  return images;
}

/**
 * CIFAR-style augmentation of one training batch ([count, h, w, c], channels last), a pure function:
 * a new array is returned, `random` (the run's seeded source) decides every crop and flip, so a batch
 * is augmented the same way for the same seed. Order as torchvision's usual CIFAR pipeline
 * (RandomCrop(padding), RandomHorizontalFlip, then Normalize): zero-pad by `cropPadding` and crop a
 * random h×w window, mirror left-right with probability 1/2, then z-score with `stats`.
 */
export function augmentBatch(
  images: Float32Array,
  shape: [number, number, number],
  count: number,
  options: ImageAugment,
  random: () => number,
  stats?: ChannelStats,
): Float32Array {
  const [h, w, c] = shape;
  const size = h * w * c;
  if (images.length !== count * size) throw new Error(`augmentBatch: ${images.length} values for ${count} images of ${h}x${w}x${c}`);
  const pad = options.cropPadding;
  let out: Float32Array;
  if (pad === 0 && !options.horizontalFlip) out = Float32Array.from(images);
  else {
    out = new Float32Array(images.length);
    for (let n = 0; n < count; n++) {
      // Offsets into the padded image: 0..2·pad, as torchvision's RandomCrop(padding=pad).
      const dy = pad > 0 ? Math.floor(random() * (2 * pad + 1)) - pad : 0;
      const dx = pad > 0 ? Math.floor(random() * (2 * pad + 1)) - pad : 0;
      const flip = options.horizontalFlip && random() < 0.5;
      const base = n * size;
      for (let y = 0; y < h; y++) {
        const sy = y + dy;
        for (let x = 0; x < w; x++) {
          const sx = x + dx;
          const dst = base + (y * w + (flip ? w - 1 - x : x)) * c;
          if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue; // zero padding
          const src = base + (sy * w + sx) * c;
          for (let k = 0; k < c; k++) out[dst + k] = images[src + k];
        }
      }
    }
  }
  if (options.zScore) {
    if (!stats) throw new Error('augmentBatch: zScore needs the training set channel statistics');
    zScoreInPlace(out, stats);
  }
  return out;
}
