import type { OptlabApi } from '../../../shared/api/contract.js';
import { electronCall } from './electronCall.js';
import { wrapApiMethods } from './wrapApiMethods.js';

/** The API the Electron preload exposes, its errors turned back into ApiErrors (electronCall.ts). */
export function createElectronApi(bridge: OptlabApi): OptlabApi {
  return wrapApiMethods(bridge, (method) => (input) => electronCall(bridge, method, input));
}
