import { freemem } from 'node:os';
import type { Model } from '../../shared/ml/models/model.js';
import { estimateTrainingMemory, formatByteCount } from '../../shared/runs/resourceEstimate.js';

/** Thrown before the first step when training the model would need more memory than the machine has free. */
export class InsufficientMemoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InsufficientMemoryError';
  }
}

/**
 * The memory a training process may use: `OPTLAB_TRAINING_MEMORY_MB` when set (a budget below what
 * is free), else the machine's free memory.
 */
export function trainingMemoryBudget(env: NodeJS.ProcessEnv = process.env): number {
  const megabytes = Number(env.OPTLAB_TRAINING_MEMORY_MB);
  const free = freemem();
  return Number.isFinite(megabytes) && megabytes > 0 ? Math.min(free, megabytes * 1024 * 1024) : free;
}

/**
 * Refuses, before the first step, a model and batch size whose training needs more memory than is
 * free (the parameters with their gradients and optimizer state, and a batch's activations), so the
 * run fails at once with the figures instead of swapping the machine or dying half-way.
 */
export function assertFitsInMemory(model: Pick<Model, 'params'> & { layers?: Model['layers'] }, batchSize: number, available = trainingMemoryBudget()): void {
  const paramCount = model.params.reduce((n, p) => n + p.variable.size, 0);
  const activationsPerSample = (model.layers ?? []).reduce((n, layer) => n + layer.outputShape.reduce((a, b) => a * b, 1), 0);
  const needed = estimateTrainingMemory({ paramCount, activationsPerSample }, batchSize);
  if (needed > available) {
    throw new InsufficientMemoryError(
      `Training needs about ${formatByteCount(needed)} (${paramCount.toLocaleString('en-US')} parameters with their gradients and optimizer state, ` +
        `and ${activationsPerSample.toLocaleString('en-US')} activations per sample × batch ${batchSize}); ${formatByteCount(available)} is available to training. ` +
        'Lower the batch size or the model’s size.',
    );
  }
}
