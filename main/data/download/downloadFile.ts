import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PublicFile } from './publicDatasets.js';

export interface DownloadProgress {
  /** Bytes on disk so far (including those kept from an earlier, interrupted transfer). */
  received: number;
  /** The file's size when the server says it, else null. */
  total: number | null;
}

/** The file arrived but its checksum is not the published one; nothing was kept. */
export class ChecksumMismatchError extends Error {
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${path.basename(file)}: checksum mismatch (expected ${expected}, got ${actual}); the file was not kept`);
    this.name = 'ChecksumMismatchError';
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function hashFile(hash: Hash, file: string): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

/**
 * Downloads `url` to `target`, checks it against `checksum` and only then moves it into place.
 * Bytes go to `<target>.part` first; when that file exists (an interrupted transfer), the rest is
 * asked for with an HTTP Range request and appended (a server that ignores the range sends the whole
 * file, which replaces the part). A checksum mismatch deletes the part and throws
 * ChecksumMismatchError; a broken transfer throws and keeps the part for the next call.
 */
export async function downloadFile(options: {
  url: string;
  target: string;
  checksum: PublicFile['checksum'];
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}): Promise<void> {
  const { url, target, checksum } = options;
  const part = `${target}.part`;
  await mkdir(path.dirname(target), { recursive: true });
  let have = await sizeOf(part);
  const response = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, signal: options.signal });
  if (response.status === 416 && have > 0) {
    // The part is already whole (or longer than the file): check what is there.
    have = await sizeOf(part);
  } else if (!response.ok || !response.body) {
    throw new Error(`${url}: the server answered ${response.status} ${response.statusText}`);
  }
  const resumed = response.status === 206;
  if (!resumed && response.status !== 416) have = 0;
  const hash = createHash(checksum.algorithm);
  if (have > 0) await hashFile(hash, part);
  const length = Number(response.headers.get('content-length'));
  const total = response.status === 416 ? have : Number.isFinite(length) && length > 0 ? have + length : null;
  let received = have;
  options.onProgress?.({ received, total });
  if (response.status !== 416 && response.body) {
    const counted = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    counted.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      received += chunk.length;
      options.onProgress?.({ received, total });
    });
    await pipeline(counted, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
    if (total !== null && received < total) throw new Error(`${url}: the transfer ended at ${received} of ${total} bytes; it resumes from there`);
  }
  const actual = hash.digest('hex');
  if (actual !== checksum.hex.toLowerCase()) {
    await unlink(part).catch(() => undefined);
    throw new ChecksumMismatchError(target, checksum.hex, actual);
  }
  await rename(part, target);
}
