import type { RunConfig } from '../config/runConfig.js';

/** What one stored metric point costs in the database, with its index and chart buckets (measured: ~600 bytes a surface step of 4 series). */
export const bytesPerStoredPoint = 150;

/** Above this, a run's database growth is worth a warning. */
export const databaseGrowthWarningBytes = 1024 ** 3;

/** The optimizer steps a run takes, and how much its metric points will add to the database. */
export function estimateDatabaseGrowth(config: RunConfig, trainCount: number): { steps: number; points: number; bytes: number } {
  const { epochs, batchSize, stepsPerEpoch } = config.training;
  const surface = config.dataset.kind === 'surface';
  const perEpochSteps = surface ? stepsPerEpoch : Math.ceil(Math.max(1, trainCount) / batchSize);
  const steps = epochs * perEpochSteps;
  // Per step: loss, lr and step time (a surface: loss, lr, x and y); per epoch about eight more.
  const points = steps * (surface ? 4 : 3) + epochs * 8;
  return { steps, points, bytes: points * bytesPerStoredPoint };
}

/**
 * The memory training a model needs, roughly: every parameter four times over (the value, its
 * gradient, two optimizer moments), and every layer's output for each sample of a batch twice (the
 * forward value and its gradient), as float32.
 */
export function estimateTrainingMemory(model: { paramCount: number; activationsPerSample: number }, batchSize: number): number {
  return 4 * (4 * model.paramCount + 2 * batchSize * model.activationsPerSample);
}

/** Bytes as a person reads them: `1.2 GB`, `640 MB`. */
export function formatByteCount(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
