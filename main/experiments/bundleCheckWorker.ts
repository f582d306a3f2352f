import { parentPort } from 'node:worker_threads';
import { ApiError } from '../../shared/api/apiError.js';
import { parseOrThrow } from '../../shared/errors/inputError.js';
import { apiMethods } from '../../shared/api/contract.js';
import { toColumnarBundle } from '../../shared/experiments/columnarBundle.js';
import { validateBundle } from '../../shared/experiments/validateBundle.js';
import { bundleContentHash } from './bundleContentHash.js';
import { apiErrorOf } from '../app/apiErrorOf.js';
import type { BundleCheckReply, BundleCheckRequest } from './bundleCheckMessages.js';

/**
 * The worker thread that reads and checks an experiment file, so that parsing and validating a large
 * one (seconds for 100 MB) never holds up the event loop that answers requests and stores metrics. It
 * answers once, with the checked file's series as typed columns (transferred, not copied) or the error.
 */
parentPort!.once('message', (request: BundleCheckRequest) => {
  let reply: BundleCheckReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const raw = 'json' in request ? parseJson(request.json) : request.value;
    const envelope = request.envelope ? parseOrThrow(apiMethods.importExperiment.input, raw, 'importExperiment request') : { bundle: raw };
    const checked = validateBundle(envelope.bundle);
    const columnar = toColumnarBundle(checked);
    reply = { ok: true, bundle: columnar.bundle, contentHash: bundleContentHash(checked), ...(envelope.onDuplicate ? { onDuplicate: envelope.onDuplicate } : {}) };
    transfer = columnar.buffers;
  } catch (error) {
    reply = { ok: false, error: apiErrorOf(error).toJSON() };
  }
  parentPort!.postMessage(reply, transfer);
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new ApiError(`The experiment file is not valid JSON: ${(error as Error).message}`, 'invalid-input');
  }
}
