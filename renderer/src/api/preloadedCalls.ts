import type { ApiInput, ApiMethod } from '../../../shared/api/contract.js';

/** One API call by its name, untyped (directCall.ts sends one without the API object). */
export type DirectCall = (method: ApiMethod, input: unknown) => Promise<unknown>;

/** Calls sent ahead of the code that needs their answers. */
export interface PreloadedCalls {
  /**
   * Sends the call now. The first call of `method` with an equal input (the same JSON) that `take`
   * is asked for gets this answer; an answer nobody took within `keepMs` of arriving is dropped (a
   * later call reads afresh).
   */
  preload<M extends ApiMethod>(method: M, input: ApiInput<M>, keepMs?: number): void;
  /** The answer of a preloaded call equal to this one (once), or undefined. */
  take(method: ApiMethod, input: unknown): Promise<unknown> | undefined;
}

/**
 * Lets the app's first script send the calls a page will make as soon as the route is known, while
 * the rest of the app and the page's own script still load (Compare's series of 100 runs take the
 * server a few hundred milliseconds: they are then under way when the page asks). The API object
 * takes their answers through `withPreloadedCalls`.
 */
export function preloadedCalls(send: DirectCall): PreloadedCalls {
  const waiting = new Map<string, Promise<unknown>>();
  const keyOf = (method: ApiMethod, input: unknown) => `${method} ${JSON.stringify(input ?? {})}`;
  return {
    preload(method, input, keepMs = 5_000) {
      const key = keyOf(method, input);
      const answer = send(method, input);
      waiting.set(key, answer);
      // A failed preload is the taker's to see; until then it must not count as unhandled.
      const drop = () => setTimeout(() => waiting.get(key) === answer && waiting.delete(key), keepMs);
      answer.then(drop, drop);
    },
    take(method, input) {
      const key = keyOf(method, input);
      const answer = waiting.get(key);
      waiting.delete(key);
      return answer;
    },
  };
}
