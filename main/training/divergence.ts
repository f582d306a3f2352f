/** Thrown when the training loss stops being a finite number: the run ends as `diverged`. */
export class DivergedError extends Error {
  constructor(value: number, step: number, epoch: number) {
    super(`Loss became ${value} at step ${step} (epoch ${epoch})`);
    this.name = 'DivergedError';
  }
}

export function assertFinite(value: number, step: number, epoch: number): void {
  if (!Number.isFinite(value)) throw new DivergedError(value, step, epoch);
}

/** Thrown inside the loop when the main process asked the run to stop. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/** Gives the event loop a turn (so a `cancel` message is received), then stops if cancelled. */
export async function checkpointYield(isCancelled: () => boolean): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (isCancelled()) throw new CancelledError();
}
