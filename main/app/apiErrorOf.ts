import { z } from 'zod';
import { ApiError, issuesFromZod } from '../../shared/api/apiError.js';
import { CifarFormatError } from '../../shared/ml/data/cifar.js';
import { IdxFormatError } from '../../shared/ml/data/idx.js';
import { DatasetLoadError } from '../data/datasetLoadError.js';
import { DataFileError } from '../data/readDataFile.js';
import { CheckpointError } from '../checkpoint/checkpointError.js';

/** Errors about a file the caller pointed to (a dataset, a checkpoint): the data is at fault, not the app. */
const dataErrors = [DatasetLoadError, DataFileError, IdxFormatError, CifarFormatError, CheckpointError];

/**
 * Any error a handler throws, as the API reports it: errors about the caller's data (an unreadable
 * dataset, a value a schema refused, nesting too deep to walk) are the caller's to fix (4xx);
 * anything else is a fault of the app (`internal`).
 */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
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
