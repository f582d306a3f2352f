import type { FieldIssue } from '../errors/fieldIssue.js';

/**
 * What went wrong, as a caller can act on it: bad input (400), no token (401), refused (403), no
 * such thing (404), wrong HTTP method (405), a state that forbids it (409), too large (413), a bug (500),
 * not now: try again shortly (503; the app is starting or stopping).
 */
export type ApiErrorCode = 'invalid-input' | 'unauthorized' | 'forbidden' | 'not-found' | 'method-not-allowed' | 'conflict' | 'too-large' | 'internal' | 'unavailable';

/** The HTTP status of each error code (browser mode answers with it). */
export const httpStatusOfApiError: Record<ApiErrorCode, number> = {
  'invalid-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'too-large': 413,
  internal: 500,
  unavailable: 503,
};

/**
 * An error the API reports to its caller: a message, a code, and for invalid input the fields at
 * fault. The transports carry it; errors of pure logic live in shared/errors/ and are mapped to a
 * code by main/app/apiErrorOf.ts.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: ApiErrorCode,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): SerializedApiError {
    return { message: this.message, code: this.code, issues: this.issues };
  }

  static fromJSON(value: SerializedApiError): ApiError {
    return new ApiError(value.message, value.code, value.issues ?? []);
  }
}

export interface SerializedApiError {
  message: string;
  code: ApiError['code'];
  issues?: FieldIssue[];
}
