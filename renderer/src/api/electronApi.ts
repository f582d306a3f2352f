import { ApiError } from '../../../shared/api/apiError.js';
import type { OptlabApi } from '../../../shared/api/contract.js';
import { wrapApiMethods } from './wrapApiMethods.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload: one method per API call, plus `onEvent`. */
    optlab?: OptlabApi;
  }
}

/**
 * The API the Electron preload exposes. Errors crossing IPC lose their class; a rejected call is
 * turned back into an ApiError (keeping its code and field issues when the preload passed them on).
 */
export function createElectronApi(bridge: OptlabApi): OptlabApi {
  return wrapApiMethods(bridge, (_method, call) => async (input) => {
    try {
      return await call(input);
    } catch (error) {
      throw toApiError(error);
    }
  });
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const value = error as { message?: unknown; code?: unknown; issues?: unknown } | null;
  const message = typeof value?.message === 'string' ? value.message.replace(/^Error invoking remote method '[^']+': (\w+: )?/, '') : String(error);
  const code = typeof value?.code === 'string' ? (value.code as ApiError['code']) : 'internal';
  const issues = Array.isArray(value?.issues) ? (value.issues as ApiError['issues']) : [];
  return new ApiError(message, code, issues);
}
