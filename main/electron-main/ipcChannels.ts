import type { SerializedApiError } from '../../shared/api/apiError.js';
import type { ApiMethod } from '../../shared/api/contract.js';

/** IPC channel names: one per API method (`optlab:<method>`) and one for events. */
export const apiChannel = (method: ApiMethod): string => `optlab:${method}`;
export const eventChannel = 'optlab:event';

export type IpcReply = { result: unknown } | { error: SerializedApiError };
