import type { z } from 'zod';
import { issuesFromZod, issueText, type FieldIssue } from './fieldIssue.js';

/**
 * A value the caller gave was refused (a config, an experiment, an imported file): the message, and
 * the fields at fault. Pure logic throws it; the API reports it as `invalid-input`
 * (main/app/apiErrorOf.ts), so the form that sent the value can show each bad field.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Parses `value` with `schema`, or throws an InputError naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error, schema, value);
  const detail = issues.map(issueText).join('; ');
  throw new InputError(`Invalid ${what}: ${detail}`, issues);
}
