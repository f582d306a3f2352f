import type { MetricPoint } from '../../shared/runs/runTypes.js';
import type { FromTrainerMessage } from '../../shared/training/trainerMessages.js';
import { assertFinite } from './divergence.js';

/**
 * Buffers metric points and progress in the training process and sends them to the main process in
 * batches (at most every `intervalMs`), so the store writes them in few transactions.
 */
export class MetricReporter {
  private points: MetricPoint[] = [];
  private lastFlush = 0;
  private pendingProgress: Extract<FromTrainerMessage, { type: 'progress' }> | null = null;
  private startedAt = performance.now();

  constructor(
    private readonly emit: (message: FromTrainerMessage) => void,
    private readonly intervalMs = 250,
  ) {}

  /** Seconds since the run started. */
  elapsed(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  /** Continues the clock of a resumed run: `elapsed()` is now `seconds`. */
  setElapsed(seconds: number): void {
    this.startedAt = performance.now() - seconds * 1000;
  }

  /** Buffers a point; a value that is not finite ends the run as `diverged` (and is not recorded). */
  record(key: string, value: number, step: number, epoch: number): void {
    assertFinite(value, step, epoch, key);
    this.points.push({ key, value, step, epoch, time: this.elapsed() });
  }

  progress(epoch: number, totalEpochs: number, step: number, totalSteps: number): void {
    this.pendingProgress = { type: 'progress', epoch, totalEpochs, step, totalSteps };
    if (performance.now() - this.lastFlush >= this.intervalMs) this.flush();
  }

  /** Sends a message after the points and progress buffered so far, keeping their order. */
  send(message: FromTrainerMessage): void {
    this.flush();
    this.emit(message);
  }

  flush(): void {
    this.lastFlush = performance.now();
    if (this.points.length > 0) {
      this.emit({ type: 'metrics', points: this.points });
      this.points = [];
    }
    if (this.pendingProgress) {
      this.emit(this.pendingProgress);
      this.pendingProgress = null;
    }
  }
}
