/** Thrown when training stops producing finite numbers (or the loss explodes): the run ends as `diverged`. */
export class DivergedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DivergedError';
  }
}

/** Ends the run as `diverged` when `value` (a loss, a metric, a parameter) is NaN or ±Infinity. */
export function assertFinite(value: number, step: number, epoch: number, what = 'Loss'): void {
  if (!Number.isFinite(value)) throw new DivergedError(`${what} became ${value} at step ${step}${epoch > 0 ? ` (epoch ${epoch})` : ''}`);
}

/**
 * The optional loss-explosion rule: once the first epoch's training loss is known, a step's loss
 * above `factor` times it ends the run as `diverged` with both numbers in the reason.
 */
export class LossExplosionRule {
  private reference: number | null = null;

  constructor(private readonly factor: number | undefined) {}

  /** The first epoch's training loss, the reference of every later step. */
  setReference(firstEpochLoss: number): void {
    if (this.reference === null && Number.isFinite(firstEpochLoss) && firstEpochLoss > 0) this.reference = firstEpochLoss;
  }

  check(loss: number, step: number, epoch: number): void {
    if (this.factor === undefined || this.reference === null) return;
    if (loss > this.factor * this.reference) {
      throw new DivergedError(
        `Loss ${loss.toPrecision(4)} at step ${step} (epoch ${epoch}) is above ${this.factor} × the first epoch's loss ${this.reference.toPrecision(4)} (loss-explosion rule)`,
      );
    }
  }
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
