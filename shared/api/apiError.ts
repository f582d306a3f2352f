import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `optimizer.lr`; empty for the whole payload. */
  path: string;
  message: string;
}

/**
 * What went wrong, as a caller can act on it: bad input (400), no token (401), refused (403), no
 * such thing (404), wrong HTTP method (405), a state that forbids it (409), too large (413), a bug (500).
 */
export type ApiErrorCode = 'invalid-input' | 'unauthorized' | 'forbidden' | 'not-found' | 'method-not-allowed' | 'conflict' | 'too-large' | 'internal';

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
};

/** An error the API reports to its caller: a message, and for invalid input the fields at fault. */
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

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Parses `value` with `schema`, or throws an invalid-input ApiError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error);
  const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new ApiError(`Invalid ${what}: ${detail}`, 'invalid-input', issues);
}
