/** Decodes base64 8-bit pixels (1 or 3 channels, channels last) into RGBA for a canvas. */
export function samplePixelsToRgba(base64: string, width: number, height: number, channels: number): Uint8ClampedArray<ArrayBuffer> {
  const raw = atob(base64);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) rgba[p * 4 + c] = raw.charCodeAt(p * channels + (channels === 1 ? 0 : c));
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}
