import { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/api/apiError.js';
import { maxBundleDepth } from '../../shared/experiments/validateBundle.js';
import type { BundleCheckReply, BundleCheckRequest, CheckedBundle } from './bundleCheckMessages.js';

/**
 * The worker's program: the TypeScript file run through tsx from a checkout, or its bundled
 * `bundleCheckWorker.cjs` beside the Electron main bundle.
 */
function workerSource(): { code: string } | { file: URL } {
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL('./bundleCheckWorker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    return { code: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })` };
  }
  return { file: new URL('./bundleCheckWorker.cjs', import.meta.url) };
}

/**
 * Parses (when given text) and validates an experiment file in a worker thread, off the event loop.
 * Resolves with the checked file (its series as typed columns) and its content hash; rejects with the invalid-input
 * ApiError that `validateBundle` would throw.
 */
export function checkBundleInWorker(request: BundleCheckRequest): Promise<CheckedBundle> {
  const source = workerSource();
  const worker = 'code' in source ? new Worker(source.code, { eval: true }) : new Worker(source.file);
  return new Promise<CheckedBundle>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.once('message', (reply: BundleCheckReply) => settle(() => (reply.ok ? resolve({ bundle: reply.bundle, contentHash: reply.contentHash, onDuplicate: reply.onDuplicate }) : reject(ApiError.fromJSON(reply.error)))));
    worker.once('error', (error) => settle(() => reject(new ApiError(`The experiment file could not be checked: ${error.message}`, 'internal'))));
    worker.once('exit', (code) => settle(() => reject(new ApiError(`The experiment file could not be checked: its worker stopped (exit code ${code})`, 'internal'))));
    try {
      worker.postMessage(request);
    } catch (error) {
      // A value nested too deeply to copy to the thread is certainly deeper than a file may nest.
      const tooDeep = error instanceof RangeError && /call stack/i.test(error.message);
      settle(() => reject(tooDeep ? new ApiError(`Invalid experiment file: it nests deeper than ${maxBundleDepth} levels`, 'invalid-input') : error));
    }
  });
}
