import type { z } from 'zod';
import { explainIssues } from '../config/unknownFields.js';

/** One field a value was refused for. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `optimizer.lr`; empty for the whole value. */
  path: string;
  message: string;
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
