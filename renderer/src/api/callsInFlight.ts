import type { OptlabApi } from '../../../shared/api/contract.js';
import { wrapApiMethods, type UntypedCall } from './wrapApiMethods.js';

/** The API that counts its calls under way, and waits for a quiet moment. */
export interface TrackedApi {
  api: OptlabApi;
  /**
   * Resolves once no call has been under way for `quietMs` (counted from the last call answered, or
   * from now when none was sent yet), or after `atMostMs` whatever the calls do.
   */
  whenQuiet(quietMs: number, atMostMs: number): Promise<void>;
}

/**
 * Counts the calls of `api` under way, so work no page waits for (the status line's backend probe,
 * which loads the training libraries in a process of its own) can wait until a page's first calls are
 * answered instead of taking the CPU from them.
 */
export function trackCallsInFlight(api: OptlabApi, now: () => number = () => performance.now()): TrackedApi {
  let inFlight = 0;
  let lastChange = now();
  const track =
    (_method: string, call: UntypedCall): UntypedCall =>
    async (input) => {
      inFlight++;
      lastChange = now();
      try {
        return await call(input);
      } finally {
        inFlight--;
        lastChange = now();
      }
    };
  return {
    api: wrapApiMethods(api, track),
    whenQuiet(quietMs, atMostMs) {
      const giveUpAt = now() + atMostMs;
      return new Promise((resolve) => {
        const check = () => {
          const quietFor = inFlight === 0 ? now() - lastChange : 0;
          if (quietFor >= quietMs || now() >= giveUpAt) resolve();
          else setTimeout(check, Math.min(quietMs - quietFor, giveUpAt - now()));
        };
        check();
      });
    },
  };
}
