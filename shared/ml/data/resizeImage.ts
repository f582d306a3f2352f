/**
 * Bilinear resize of one channels-last float image, sampling at pixel centres (align_corners=False,
 * no antialiasing: as PyTorch's F.interpolate(mode='bilinear') and TensorFlow's half-pixel resize).
 */
export function resizeBilinear(
  src: Float32Array,
  [srcH, srcW, channels]: [number, number, number],
  [dstH, dstW]: [number, number],
  out = new Float32Array(dstH * dstW * channels),
): Float32Array {
  if (src.length !== srcH * srcW * channels) throw new Error(`resizeBilinear: ${src.length} values for a ${srcH}x${srcW}x${channels} image`);
  if (srcH === dstH && srcW === dstW) {
    out.set(src);
    return out;
  }
  const scaleY = srcH / dstH;
  const scaleX = srcW / dstW;
  for (let y = 0; y < dstH; y++) {
    const sy = Math.max(0, (y + 0.5) * scaleY - 0.5);
    const y0 = Math.min(Math.floor(sy), srcH - 1);
    const y1 = Math.min(y0 + 1, srcH - 1);
    const fy = sy - y0;
    for (let x = 0; x < dstW; x++) {
      const sx = Math.max(0, (x + 0.5) * scaleX - 0.5);
      const x0 = Math.min(Math.floor(sx), srcW - 1);
      const x1 = Math.min(x0 + 1, srcW - 1);
      const fx = sx - x0;
      for (let c = 0; c < channels; c++) {
        const a = src[(y0 * srcW + x0) * channels + c];
        const b = src[(y0 * srcW + x1) * channels + c];
        const d = src[(y1 * srcW + x0) * channels + c];
        const e = src[(y1 * srcW + x1) * channels + c];
        const top = a + (b - a) * fx;
        const bottom = d + (e - d) * fx;
        out[(y * dstW + x) * channels + c] = top + (bottom - top) * fy;
      }
    }
  }
  return out;
}

/**
 * Converts 8-bit RGBA pixels (as PNG/JPEG decoders give them) to float [0, 1] with 1 channel
 * (luma, ITU-R 601: 0.299 R + 0.587 G + 0.114 B, as PIL's convert('L')) or 3 (RGB). Alpha is dropped.
 */
export function rgbaToFloat(rgba: Uint8Array, pixels: number, channels: 1 | 3): Float32Array {
  const out = new Float32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const r = rgba[p * 4];
    const g = rgba[p * 4 + 1];
    const b = rgba[p * 4 + 2];
    if (channels === 1) out[p] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    else {
      out[p * 3] = r / 255;
      out[p * 3 + 1] = g / 255;
      out[p * 3 + 2] = b / 255;
    }
  }
  return out;
}
