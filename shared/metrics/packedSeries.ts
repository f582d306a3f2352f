import type { MetricSeries } from '../runs/runTypes.js';

/**
 * A series as four parallel columns (step, epoch, value, time), for moving long series between the
 * processes: each column is its values as little-endian IEEE-754 float64 bytes, in base64. Every
 * number arrives exactly as stored (NaN and ±Infinity included, which JSON cannot carry), and no
 * number is formatted or parsed as text on the way. `count` is the number of points.
 */
export interface PackedSeries {
  key: string;
  count: number;
  steps: string;
  epochs: string;
  values: string;
  times: string;
}

/** A series as parallel columns, point `i` being (steps[i], epochs[i], values[i], times[i]). */
export interface SeriesColumns {
  key: string;
  steps: Float64Array;
  epochs: Float64Array;
  values: Float64Array;
  times: Float64Array;
}

const columnNames = ['steps', 'epochs', 'values', 'times'] as const;

/** Packs columns of equal length; throws when they differ. */
export function packSeries(columns: SeriesColumns): PackedSeries {
  const count = columns.steps.length;
  for (const name of columnNames) {
    if (columns[name].length !== count) throw new RangeError(`packSeries: column ${name} of "${columns.key}" has ${columns[name].length} values, steps has ${count}`);
  }
  return {
    key: columns.key,
    count,
    steps: toBase64(float64Bytes(columns.steps)),
    epochs: toBase64(float64Bytes(columns.epochs)),
    values: toBase64(float64Bytes(columns.values)),
    times: toBase64(float64Bytes(columns.times)),
  };
}

/** The columns of a packed series; throws a clear error when a column is not `count` float64 values. */
export function unpackSeries(packed: PackedSeries): SeriesColumns {
  const column = (name: (typeof columnNames)[number]): Float64Array => {
    const bytes = fromBase64(packed[name]);
    if (bytes.length !== packed.count * 8) throw new RangeError(`Packed series "${packed.key}": column ${name} has ${bytes.length} bytes, expected ${packed.count} float64 values (${packed.count * 8} bytes)`);
    return float64Values(bytes);
  };
  return { key: packed.key, steps: column('steps'), epochs: column('epochs'), values: column('values'), times: column('times') };
}

/** The columns as a series of point objects, in the same order. */
export function seriesFromColumns(columns: SeriesColumns): MetricSeries {
  const points: MetricSeries['points'] = new Array(columns.steps.length);
  for (let i = 0; i < points.length; i++) points[i] = { step: columns.steps[i], epoch: columns.epochs[i], value: columns.values[i], time: columns.times[i] };
  return { key: columns.key, points };
}

/** Whether this platform stores a float64 little-endian (then bytes are copied, not converted one by one). */
const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function float64Bytes(values: Float64Array): Uint8Array {
  if (littleEndian) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return bytes;
}

function float64Values(bytes: Uint8Array): Float64Array {
  if (littleEndian) {
    // A Float64Array needs an 8-byte aligned start: copy when the bytes are not at one.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
    return new Float64Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 8);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(bytes.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, true);
  return values;
}

interface NodeBuffer {
  from(bytes: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string };
  from(text: string, encoding: 'base64'): Uint8Array;
}
/** Node's Buffer where there is one (the main process), for fast base64. */
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
/** `Uint8Array.fromBase64` where the platform has it (recent Chromium). */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

function toBase64(bytes: Uint8Array): string {
  if (nodeBuffer) return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
  if (nodeBuffer) return nodeBuffer.from(text, 'base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
