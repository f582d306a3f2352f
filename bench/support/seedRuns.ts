import { SqliteRunStore } from '../../main/store/sqliteRunStore.js';
import { runConfigSchema, type RunConfig } from '../../shared/config/runConfig.js';
import type { MetricPoint, RunStatus } from '../../shared/runs/runTypes.js';

export interface SeedOptions {
  runs: number;
  /** Per-step loss points stored for each of the first `longRuns` runs (Compare's long series). */
  longRuns?: number;
  longPoints?: number;
  /** Store the five epochs of test/train metrics (default true). */
  epochMetrics?: boolean;
}

const optimizers = [
  { type: 'sgd', lr: 0.05, momentum: 0.9 },
  { type: 'adam', lr: 0.001 },
  { type: 'adamw', lr: 0.001 },
  { type: 'mas', lr: 0.01, lambdaAdam: 0.3, lambdaSgd: 0.7 },
  { type: 'rmsprop', lr: 0.001 },
] as const;
const statuses: RunStatus[] = ['completed', 'completed', 'completed', 'completed', 'failed', 'cancelled', 'interrupted', 'diverged'];

/** The config of seeded run `i`: Fashion-MNIST MLPs and CNNs over five optimizers, three learning rates, seeds. */
export function seededConfig(i: number): RunConfig {
  const optimizer = optimizers[i % optimizers.length];
  return runConfigSchema.parse({
    name: `sweep ${Math.floor(i / 30)} · ${optimizer.type} · seed ${i % 10}`,
    dataset: { kind: 'fashion-mnist', trainLimit: i % 3 === 0 ? 10_000 : 0 },
    model: i % 4 === 0 ? { kind: 'cnn' } : { kind: 'mlp', hidden: [256, 128] },
    optimizer: { ...optimizer, lr: optimizer.lr * [1, 0.5, 2][i % 3] },
    training: { epochs: 5, batchSize: 128, seed: i % 10 },
  });
}

/**
 * Fills a database with `runs` finished runs of a real shape (configs, statuses, tags, five epochs of
 * test/train metrics) straight through the store in large transactions, and optionally long per-step
 * loss series for the first runs. Returns the run ids, oldest first.
 */
export function seedRuns(dbPath: string, options: SeedOptions): number[] {
  const store = SqliteRunStore.open(dbPath);
  const ids: number[] = [];
  try {
    for (let start = 0; start < options.runs; start += 1000) {
      store.inTransaction(() => {
        for (let i = start; i < Math.min(options.runs, start + 1000); i++) {
          const tags = i % 10 === 0 ? ['baseline'] : i % 7 === 0 ? ['ablation'] : [];
          const run = store.createRun({ config: seededConfig(i), tags, notes: i % 50 === 0 ? 'seeded' : '' });
          const status = statuses[i % statuses.length];
          store.updateRun(run.id, { status, startedAt: run.createdAt, finishedAt: run.createdAt, progress: { epoch: 5, totalEpochs: 5, step: 2345, totalSteps: 2345, etaSeconds: 0 } });
          const points: MetricPoint[] = [];
          for (let epoch = 1; epoch <= 5; epoch++) {
            const quality = 0.6 + 0.3 * (1 - Math.exp(-epoch / 2)) + 0.05 * Math.sin(i * 0.7);
            points.push({ key: 'test/accuracy', step: epoch * 469, epoch, value: quality, time: epoch * 10 });
            points.push({ key: 'test/loss', step: epoch * 469, epoch, value: 1.4 - quality, time: epoch * 10 });
            points.push({ key: 'train/loss', step: epoch * 469, epoch, value: 1.3 - quality, time: epoch * 10 });
          }
          if (options.epochMetrics ?? true) store.appendMetrics(run.id, points);
          ids.push(run.id);
        }
      });
    }
    const longPoints = options.longPoints ?? 10_000;
    for (const runId of ids.slice(0, options.longRuns ?? 0)) {
      const points: MetricPoint[] = [];
      for (let step = 1; step <= longPoints; step++) {
        // A decaying loss with noise and a rare spike (which a chart must not lose).
        const spike = step % 3331 === runId % 3331 ? 3 : 0;
        points.push({ key: 'train/loss_step', step, epoch: 0, value: Math.exp(-step / 3000) + 0.05 * Math.sin(step * 0.37 + runId) + spike, time: step * 0.01 });
      }
      store.appendMetrics(runId, points);
    }
  } finally {
    store.close();
  }
  return ids;
}
