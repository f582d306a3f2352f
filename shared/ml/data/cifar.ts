/**
 * CIFAR binary batches (the "binary version" of CIFAR-10/100): fixed-size records, each a label byte
 * (CIFAR-100: coarse then fine label) followed by 3072 bytes of a 32x32 image as three channel
 * planes (red, green, blue, each row-major). Pure parsing; defects become errors naming the file.
 */

export const cifarImageBytes = 32 * 32 * 3;

export class CifarFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CifarFormatError';
  }
}

export interface CifarRecords {
  /** Float32 in [0, 1], [count, 32, 32, 3] channels last. */
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

export interface CifarLayout {
  /** 1 label byte (CIFAR-10) or 2 (CIFAR-100: coarse, fine). */
  labelBytes: 1 | 2;
  /** Which label byte is the label: 0 for CIFAR-10 and CIFAR-100 coarse, 1 for CIFAR-100 fine. */
  labelIndex: 0 | 1;
  classCount: number;
}

export const cifar10Layout: CifarLayout = { labelBytes: 1, labelIndex: 0, classCount: 10 };
export const cifar100FineLayout: CifarLayout = { labelBytes: 2, labelIndex: 1, classCount: 100 };
export const cifar100CoarseLayout: CifarLayout = { labelBytes: 2, labelIndex: 0, classCount: 20 };

/** Number of records in a batch file of `byteLength` bytes, or an error if it is not whole records. */
export function cifarRecordCount(byteLength: number, layout: CifarLayout, file: string): number {
  const recordBytes = layout.labelBytes + cifarImageBytes;
  if (byteLength === 0) throw new CifarFormatError(file, 'is empty');
  if (byteLength % recordBytes !== 0) {
    throw new CifarFormatError(
      file,
      `${byteLength} bytes is not a whole number of ${recordBytes}-byte records (truncated, or not a ${layout.labelBytes === 1 ? 'CIFAR-10' : 'CIFAR-100'} binary batch)`,
    );
  }
  return byteLength / recordBytes;
}

/** Parses the first `limit` records (0 = all) of a batch into channels-last float images. */
export function parseCifarBatch(bytes: Uint8Array, layout: CifarLayout, file: string, limit = 0): CifarRecords {
  const total = cifarRecordCount(bytes.length, layout, file);
  const count = limit > 0 ? Math.min(limit, total) : total;
  const recordBytes = layout.labelBytes + cifarImageBytes;
  const images = new Float32Array(count * cifarImageBytes);
  const labels = new Int32Array(count);
  const plane = 32 * 32;
  for (let r = 0; r < count; r++) {
    const base = r * recordBytes;
    const label = bytes[base + layout.labelIndex];
    if (label >= layout.classCount) {
      throw new CifarFormatError(file, `record ${r} has label ${label}, not below ${layout.classCount} (wrong CIFAR variant or corrupt file)`);
    }
    labels[r] = label;
    const pixels = base + layout.labelBytes;
    const out = r * cifarImageBytes;
    for (let p = 0; p < plane; p++) {
      images[out + p * 3] = bytes[pixels + p] / 255;
      images[out + p * 3 + 1] = bytes[pixels + plane + p] / 255;
      images[out + p * 3 + 2] = bytes[pixels + 2 * plane + p] / 255;
    }
  }
  return { images, labels, count };
}

/** Concatenates parsed batches in order. */
export function concatRecords(parts: CifarRecords[]): CifarRecords {
  const count = parts.reduce((n, p) => n + p.count, 0);
  const images = new Float32Array(count * cifarImageBytes);
  const labels = new Int32Array(count);
  let at = 0;
  for (const p of parts) {
    images.set(p.images, at * cifarImageBytes);
    labels.set(p.labels, at);
    at += p.count;
  }
  return { images, labels, count };
}

/** Class names from a CIFAR names file (batches.meta.txt, fine_label_names.txt): one per non-empty line. */
export function parseLabelNames(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
