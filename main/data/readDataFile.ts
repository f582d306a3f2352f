import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** A data file could not be read: the message names the file and what is wrong with it. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DataFileError';
  }
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads a whole file, gunzipping it when it is gzip (by its magic bytes, whatever its name), in the
 * thread pool (off the event loop). With `maxBytes`, a file that is (or unpacks to) more is refused
 * as soon as that is known: a small gzip file that unpacks to gigabytes is not unpacked.
 */
export async function readDataFile(file: string, options: { maxBytes?: number } = {}): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    throw new DataFileError(file, `cannot be read (${(error as Error).message})`);
  }
  const { maxBytes } = options;
  const tooLarge = () => new DataFileError(file, `unpacks to more than the ${maxBytes} bytes its header declares (a damaged file, or a gzip bomb); not read`);
  if (!isGzip(raw)) {
    if (maxBytes !== undefined && raw.byteLength > maxBytes) throw tooLarge();
    return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  }
  try {
    const out = await gunzipAsync(raw, maxBytes === undefined ? {} : { maxOutputLength: Math.max(1, maxBytes) });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw new DataFileError(file, `is not a valid gzip file (${(error as Error).message}; is it truncated?)`);
  }
}

/** Reads (and gunzips when needed) only the first `count` bytes of a file: enough for a header. */
export async function readDataFileHead(file: string, count: number): Promise<Uint8Array> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      head = Buffer.alloc(Math.max(count, 2));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new DataFileError(file, `cannot be read (${(error as Error).message})`);
  }
  if (!isGzip(head)) return new Uint8Array(head.buffer, head.byteOffset, Math.min(count, head.length));
  const source = createReadStream(file);
  const gunzip = source.pipe(createGunzip());
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of gunzip) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= count) break;
    }
  } catch (error) {
    throw new DataFileError(file, `is not a valid gzip file (${(error as Error).message})`);
  } finally {
    gunzip.destroy();
    source.destroy();
  }
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, Math.min(count, all.length));
}
