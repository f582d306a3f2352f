/**
 * IDX files (the MNIST format): 2 zero bytes, a type byte (0x08 = unsigned byte), the number of
 * dimensions, each dimension as a big-endian uint32, then the payload in row-major order.
 * Pure parsing: bytes in, typed arrays out; every defect becomes an `IdxFormatError` naming the file.
 */

export class IdxFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'IdxFormatError';
  }
}

export interface IdxArray {
  dims: number[];
  /** Unsigned bytes, row-major; a view into the input, not a copy. */
  data: Uint8Array;
}

const UBYTE_TYPE = 0x08;
const typeNames: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

/** Reads only the header (magic and dimensions); needs the first 4 + 4·ndims bytes. */
export function parseIdxHeader(bytes: Uint8Array, file: string): { dims: number[]; headerBytes: number } {
  if (bytes.length < 4) {
    throw new IdxFormatError(file, `too short for an IDX header (${bytes.length} bytes; is the file truncated?)`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new IdxFormatError(file, `not an IDX file (magic bytes ${magic}, expected 00 00 08 <ndims>)`);
  }
  const type = bytes[2];
  if (type !== UBYTE_TYPE) {
    const name = typeNames[type] ?? `unknown type 0x${type.toString(16).padStart(2, '0')}`;
    throw new IdxFormatError(file, `element type is ${name}; only unsigned-byte IDX files are supported`);
  }
  const ndims = bytes[3];
  if (ndims < 1) throw new IdxFormatError(file, 'IDX header declares 0 dimensions');
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new IdxFormatError(file, `header declares ${ndims} dimensions but the file ends after ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerBytes);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  return { dims, headerBytes };
}

/** Parses a whole unsigned-byte IDX file; the payload must be exactly the size the dimensions give. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const { dims, headerBytes } = parseIdxHeader(bytes, file);
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerBytes;
  if (actual < expected) {
    throw new IdxFormatError(
      file,
      `truncated: dimensions [${dims.join(', ')}] need ${expected} payload bytes, the file has ${actual}`,
    );
  }
  if (actual > expected) {
    throw new IdxFormatError(
      file,
      `${actual - expected} bytes after the payload: dimensions [${dims.join(', ')}] need ${expected} bytes, the file has ${actual}`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes, headerBytes + expected) };
}

/** Images as float32 in [0, 1] (channels last, one channel) with their labels. */
export interface IdxImageSplit {
  images: Float32Array;
  labels: Int32Array;
  count: number;
  height: number;
  width: number;
}

/**
 * Pairs an images file ([n, h, w]) with a labels file ([n]), keeping the first `limit` (0 = all).
 * Checks shapes, matching counts and that every label is below `classCount`.
 */
export function idxImageSplit(
  images: IdxArray,
  labels: IdxArray,
  files: { images: string; labels: string },
  options: { limit?: number; classCount?: number } = {},
): IdxImageSplit {
  if (images.dims.length !== 3) {
    throw new IdxFormatError(files.images, `expected 3 dimensions [count, height, width], found [${images.dims.join(', ')}]`);
  }
  if (labels.dims.length !== 1) {
    throw new IdxFormatError(files.labels, `expected 1 dimension [count], found [${labels.dims.join(', ')}]`);
  }
  const [n, height, width] = images.dims;
  if (labels.dims[0] !== n) {
    throw new IdxFormatError(files.labels, `has ${labels.dims[0]} labels but ${files.images} has ${n} images`);
  }
  const limit = options.limit ?? 0;
  const count = limit > 0 ? Math.min(limit, n) : n;
  const pixels = height * width;
  const out = new Float32Array(count * pixels);
  const src = images.data;
  for (let i = 0; i < out.length; i++) out[i] = src[i] / 255;
  const outLabels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = labels.data[i];
    if (options.classCount !== undefined && label >= options.classCount) {
      throw new IdxFormatError(files.labels, `label ${label} at index ${i} is not below the ${options.classCount} classes`);
    }
    outLabels[i] = label;
  }
  return { images: out, labels: outLabels, count, height, width };
}

/** Encodes an unsigned-byte IDX file (the inverse of `parseIdx`): for subsets and test fixtures. */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) throw new Error(`encodeIdx: dimensions [${dims.join(', ')}] need ${expected} bytes, got ${data.length}`);
  const headerBytes = 4 + 4 * dims.length;
  const out = new Uint8Array(headerBytes + data.length);
  out[2] = UBYTE_TYPE;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, headerBytes);
  return out;
}
