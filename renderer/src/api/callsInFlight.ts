/** A count of the API calls under way, and a wait for a quiet moment. */
export interface CallsInFlight {
  /** Counts the call as under way until its answer (or failure) comes; returns the same answer. */
  track<T>(answer: Promise<T>): Promise<T>;
  /**
   * Resolves once no call has been under way for `quietMs` (counted from the last call answered, or
   * from the count's start when none was sent yet), or after `atMostMs` whatever the calls do.
   */
  whenQuiet(quietMs: number, atMostMs: number): Promise<void>;
}

/**
 * Counts the app's calls under way, so work no page waits for (the status line's backend probe,
 * which loads the training libraries in a process of its own) can wait until a page's first calls are
 * answered instead of taking the CPU from them.
 */
export function callsInFlight(now: () => number = () => performance.now()): CallsInFlight {
  let inFlight = 0;
  let lastChange = now();
  return {
    async track(answer) {
      inFlight++;
      lastChange = now();
      try {
        return await answer;
      } finally {
        inFlight--;
        lastChange = now();
      }
    },
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
