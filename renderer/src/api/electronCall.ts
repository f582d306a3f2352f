import { ApiError } from '../../../shared/api/apiError.js';
import type { ApiMethod, OptlabApi } from '../../../shared/api/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload: one method per API call, plus `onEvent`. */
    optlab?: OptlabApi;
  }
}

/**
 * One call through the Electron preload. Errors crossing IPC lose their class; a rejected call is
 * turned back into an ApiError (keeping its code and field issues when the preload passed them on).
 */
export async function electronCall(bridge: OptlabApi, method: ApiMethod, input: unknown): Promise<unknown> {
  try {
    return await (bridge[method] as (input: unknown) => Promise<unknown>)(input);
  } catch (error) {
    throw toApiError(error);
  }
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const value = error as { message?: unknown; code?: unknown; issues?: unknown } | null;
  const message = typeof value?.message === 'string' ? value.message.replace(/^Error invoking remote method '[^']+': (\w+: )?/, '') : String(error);
  const code = typeof value?.code === 'string' ? (value.code as ApiError['code']) : 'internal';
  const issues = Array.isArray(value?.issues) ? (value.issues as ApiError['issues']) : [];
  return new ApiError(message, code, issues);
}
