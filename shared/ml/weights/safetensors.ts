import { z } from 'zod';

/**
 * The safetensors format (as PyTorch's `safetensors.torch.save_file` writes it): an 8-byte
 * little-endian header length N, N bytes of JSON — `{ "__metadata__"?: {string: string},
 * "<name>": { "dtype", "shape", "data_offsets": [begin, end] }, … }` — then the raw little-endian
 * data, offsets counted from the end of the header.
 */

/** Element types the format names, with their byte sizes. */
const dtypeBytes = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 } as const;
export type SafetensorsDtype = keyof typeof dtypeBytes;

const tensorEntrySchema = z.strictObject({
  dtype: z.enum(Object.keys(dtypeBytes) as [SafetensorsDtype, ...SafetensorsDtype[]]),
  shape: z.array(z.number().int().min(0)),
  data_offsets: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
});

export interface SafetensorsTensor {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** The tensor's raw bytes (a view into the file). */
  bytes: Uint8Array;
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  /** Tensors by name, in the header's order. */
  tensors: Map<string, SafetensorsTensor>;
}

/** Header lengths above this are refused (the format's own reference limit is 100 MB). */
const maxHeaderBytes = 100_000_000;

/** Parses a whole safetensors file; throws an error that says what is wrong with it. */
export function parseSafetensors(file: Uint8Array): SafetensorsFile {
  if (file.byteLength < 8) throw new Error(`not a safetensors file: ${file.byteLength} bytes, shorter than the 8-byte header length`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(maxHeaderBytes, file.byteLength - 8))) {
    throw new Error(`not a safetensors file: its header length ${headerLength} does not fit the file's ${file.byteLength} bytes`);
  }
  const headerEnd = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.subarray(8, headerEnd)));
  } catch (error) {
    throw new Error(`not a safetensors file: its header is not JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error('not a safetensors file: its header is not a JSON object');
  const dataLength = file.byteLength - headerEnd;
  const metadata: Record<string, string> = {};
  const tensors = new Map<string, SafetensorsTensor>();
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      const parsed = z.record(z.string(), z.string()).safeParse(value);
      if (!parsed.success) throw new Error('safetensors header: __metadata__ must map strings to strings');
      Object.assign(metadata, parsed.data);
      continue;
    }
    const parsed = tensorEntrySchema.safeParse(value);
    if (!parsed.success) throw new Error(`safetensors header: tensor '${name}' is not { dtype, shape, data_offsets } (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    const { dtype, shape, data_offsets: [begin, end] } = parsed.data;
    const expected = shape.reduce((n, d) => n * d, 1) * dtypeBytes[dtype];
    if (end < begin || end > dataLength) throw new Error(`safetensors: tensor '${name}' lies at bytes ${begin}–${end}, outside the ${dataLength} data bytes`);
    if (end - begin !== expected) throw new Error(`safetensors: tensor '${name}' (${dtype} [${shape.join(', ')}]) needs ${expected} bytes, has ${end - begin}`);
    tensors.set(name, { name, dtype, shape, bytes: file.subarray(headerEnd + begin, headerEnd + end) });
  }
  return { metadata, tensors };
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** A floating-point tensor's values as float32 (F32, F16, BF16, F64); throws for integer tensors. */
export function tensorToFloat32(tensor: SafetensorsTensor): Float32Array {
  const { bytes, dtype } = tensor;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength / dtypeBytes[dtype];
  const out = new Float32Array(n);
  switch (dtype) {
    case 'F32':
      // A copy: the data need not be 4-byte aligned in the file.
      new Uint8Array(out.buffer).set(bytes);
      if (!littleEndianHost) for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    case 'F64':
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
      return out;
    case 'F16':
      for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return out;
    case 'BF16': {
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < n; i++) bits[i] = view.getUint16(i * 2, true) << 16;
      return out;
    }
    default:
      throw new Error(`tensor '${tensor.name}' is ${dtype}, not a floating-point tensor`);
  }
}
