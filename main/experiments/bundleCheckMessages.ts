import type { SerializedApiError } from '../../shared/api/apiError.js';
import type { ColumnarBundle } from '../../shared/experiments/columnarBundle.js';

/**
 * What the bundle-check worker is given: the file as JSON text (parsed there) or as a value already
 * read; `envelope` when it is an `importExperiment` request body (`{ bundle }`) rather than the file itself.
 */
export type BundleCheckRequest = ({ json: string } | { value: unknown }) & { envelope: boolean };

export type BundleCheckReply = { ok: true; bundle: ColumnarBundle } | { ok: false; error: SerializedApiError };
