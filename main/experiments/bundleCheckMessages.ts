import type { SerializedApiError } from '../../shared/api/apiError.js';
import type { ColumnarBundle } from '../../shared/experiments/columnarBundle.js';

/**
 * What the bundle-check worker is given: the file as JSON text (parsed there) or as a value already
 * read; `envelope` when it is an `importExperiment` request body (`{ bundle }`) rather than the file itself.
 */
export type BundleCheckRequest = ({ json: string } | { value: unknown }) & { envelope: boolean };

/** A checked file: its series as typed columns, the SHA-256 of its content, and (from an `importExperiment` body) what to do with a duplicate. */
export interface CheckedBundle {
  bundle: ColumnarBundle;
  contentHash: string;
  onDuplicate?: 'ask' | 'copy';
}

export type BundleCheckReply = ({ ok: true } & CheckedBundle) | { ok: false; error: SerializedApiError };
