import type { OptlabApi } from '../../../shared/api/contract.js';
import type { PreloadedCalls } from './preloadedCalls.js';
import { wrapApiMethods } from './wrapApiMethods.js';

/** `api` whose calls are answered by an equal preloaded call when there is one (preloadedCalls.ts), else sent. */
export function withPreloadedCalls(api: OptlabApi, preloaded: PreloadedCalls): OptlabApi {
  return wrapApiMethods(api, (method, call) => (input) => preloaded.take(method, input) ?? call(input));
}
