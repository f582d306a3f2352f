/** Per-channel normalisation presets of image data (channels last, values in [0, 1]). */
export const imageNormalizations = {
  /** torchvision's ImageNet statistics (what its pretrained weights were trained with). */
  imagenet: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
} as const;

export type ImageNormalization = 'none' | keyof typeof imageNormalizations;

/**
 * Normalises images in place: (x − mean[c]) / std[c] for each channel c. RGB presets on 1-channel
 * images use the mean of their channel statistics. 'none' leaves them as they are.
 */
export function normalizeImages(images: Float32Array, channels: number, preset: ImageNormalization): Float32Array {
  if (preset === 'none') return images;
  const { mean, std } = imageNormalizations[preset];
  const average = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const m = channels === mean.length ? mean : Array.from({ length: channels }, () => average(mean));
  const s = channels === std.length ? std : Array.from({ length: channels }, () => average(std));
  for (let i = 0; i < images.length; i++) {
    const c = i % channels;
    images[i] = (images[i] - m[c]) / s[c];
  }
  return images;
}
