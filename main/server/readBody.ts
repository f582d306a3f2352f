import type { IncomingMessage } from 'node:http';
import { ApiError } from '../../shared/api/apiError.js';

/**
 * Reads a request body of at most `maxBytes` as text. A body announced or found to be larger is
 * refused (`too-large`) as soon as that is known, without keeping what arrived.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => new ApiError(`The request body is larger than the limit of ${formatBytes(maxBytes)}`, 'too-large');
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        chunks.length = 0;
        req.off('data', onData);
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    const fail = (why: string) => {
      if (done) return;
      done = true;
      chunks.length = 0;
      reject(new ApiError(`The request body could not be read: ${why}`, 'invalid-input'));
    };
    req.on('error', (error) => fail(error.message));
    req.on('close', () => fail('the connection closed before its end'));
  });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20) return `${Math.round((bytes / (1 << 20)) * 10) / 10} MB`;
  if (bytes >= 1 << 10) return `${Math.round((bytes / (1 << 10)) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
