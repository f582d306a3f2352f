import type { ApiInput, ApiMethod, OptlabApi } from '../../../shared/api/contract.js';
import { wrapApiMethods, type UntypedCall } from './wrapApiMethods.js';

/** The API with calls sent ahead of the code that needs their answers. */
export interface PreloadingApi {
  api: OptlabApi;
  /**
   * Sends the call now. The first call of `method` with an equal input (the same JSON) through `api`
   * gets this answer instead of sending it again; an answer nobody took within `keepMs` of arriving is
   * dropped (a later call reads afresh).
   */
  preload<M extends ApiMethod>(method: M, input: ApiInput<M>, keepMs?: number): void;
}

/**
 * Lets the app's first script send the calls a page will make as soon as the route is known, while
 * the page's own script is still loading (Compare's series of 100 runs take the server a few hundred
 * milliseconds: they are then under way when the page asks).
 */
export function withPreloadedCalls(api: OptlabApi): PreloadingApi {
  const waiting = new Map<string, Promise<unknown>>();
  const keyOf = (method: ApiMethod, input: unknown) => `${method} ${JSON.stringify(input ?? {})}`;
  const answerOnce =
    (method: ApiMethod, call: UntypedCall): UntypedCall =>
    (input) => {
      const key = keyOf(method, input);
      const answer = waiting.get(key);
      if (!answer) return call(input);
      waiting.delete(key);
      return answer;
    };
  return {
    api: wrapApiMethods(api, answerOnce),
    preload(method, input, keepMs = 5_000) {
      const key = keyOf(method, input);
      const answer = (api[method] as UntypedCall)(input);
      waiting.set(key, answer);
      // A failed preload is the taker's to see; until then it must not count as unhandled.
      const drop = () => setTimeout(() => waiting.get(key) === answer && waiting.delete(key), keepMs);
      answer.then(drop, drop);
    },
  };
}
