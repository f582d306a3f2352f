import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** A decoded image: 8-bit RGBA pixels, row-major. */
export interface DecodedImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Decodes a PNG or JPEG (by its magic bytes); throws an error naming the file when it cannot. */
export function decodeImage(bytes: Uint8Array, file: string): DecodedImage {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(bytes)) {
    try {
      const png = PNG.sync.read(buffer);
      return { width: png.width, height: png.height, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    } catch (error) {
      throw new Error(`${file}: not a readable PNG (${(error as Error).message})`);
    }
  }
  if (isJpeg(bytes)) {
    try {
      const image = jpeg.decode(buffer, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
      return { width: image.width, height: image.height, rgba: image.data };
    } catch (error) {
      throw new Error(`${file}: not a readable JPEG (${(error as Error).message})`);
    }
  }
  throw new Error(`${file}: neither PNG nor JPEG (unknown magic bytes)`);
}
