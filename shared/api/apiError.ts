import type { z } from 'zod';
import { explainIssues } from '../config/unknownFields.js';

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

/**
 * The issues of a failed parse of `input` with `schema`, one per bad field; unknown fields say where
 * a field of that name belongs or which one was meant (shared/config/unknownFields.ts; without the
 * schema, only that they are unknown).
 */
export function issuesFromZod(error: z.ZodError, schema?: z.ZodType, input?: unknown): FieldIssue[] {
  return explainIssues(error, schema, input);
}

/** An issue as one line: `path: message`, or the message alone when it names its field itself. */
export function issueText(issue: FieldIssue): string {
  return issue.path && !issue.message.startsWith(issue.path) ? `${issue.path}: ${issue.message}` : issue.message;
}

/** Parses `value` with `schema`, or throws an invalid-input ApiError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error, schema, value);
  const detail = issues.map(issueText).join('; ');
  throw new ApiError(`Invalid ${what}: ${detail}`, 'invalid-input', issues);
}
