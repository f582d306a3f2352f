import { z } from 'zod';
import type { ApiHandlers } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/apiError.js';
import { issuesFromZod } from '../../shared/errors/fieldIssue.js';
import { InputError } from '../../shared/errors/inputError.js';
import { CifarFormatError } from '../../shared/ml/data/cifar.js';
import { IdxFormatError } from '../../shared/ml/data/idx.js';
import { DatasetLoadError } from '../data/datasetLoadError.js';
import { DataFileError } from '../data/readDataFile.js';
import { CheckpointError } from '../checkpoint/checkpointError.js';

/** Errors about a file the caller pointed to (a dataset, a checkpoint): the data is at fault, not the app. */
const dataErrors = [DatasetLoadError, DataFileError, IdxFormatError, CifarFormatError, CheckpointError];

/**
 * Any error a handler throws, as the API reports it: errors about the caller's data (a value a schema
 * or pure logic refused, an unreadable dataset, nesting too deep to walk) are the caller's to fix (4xx);
 * anything else is a fault of the app (`internal`).
 */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof InputError) return new ApiError(error.message, 'invalid-input', error.issues);
  if (dataErrors.some((kind) => error instanceof kind)) return new ApiError((error as Error).message, 'invalid-input');
  if (error instanceof z.ZodError) {
    const issues = issuesFromZod(error);
    return new ApiError(`Invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, 'invalid-input', issues);
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new ApiError('The input is nested too deeply to read', 'invalid-input');
  }
  if (isSqliteBusy(error)) return new ApiError('The database is busy (another process is writing to it); try again', 'conflict');
  return new ApiError(error instanceof Error ? error.message : String(error), 'internal');
}

function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED');
}

/**
 * The handlers, each answering any error as an ApiError (through `apiErrorOf`), so every caller (IPC,
 * HTTP, the CLI, tests) sees the same codes whatever layer the error came from.
 */
export function withApiErrors(handlers: ApiHandlers): ApiHandlers {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    wrapped[method] = async (input) => {
      try {
        return await handler(input);
      } catch (error) {
        throw apiErrorOf(error);
      }
    };
  }
  return wrapped as unknown as ApiHandlers;
}
