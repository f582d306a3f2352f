import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';

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

/** Reads a whole file, gunzipping it when it is gzip (by its magic bytes, whatever its name). */
export async function readDataFile(file: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    throw new DataFileError(file, `cannot be read (${(error as Error).message})`);
  }
  if (!isGzip(raw)) return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  try {
    const out = gunzipSync(raw);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
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
