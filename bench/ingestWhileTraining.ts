/**
 * Ingest while two runs train: two real training processes (Fashion-MNIST MLPs from the bundled
 * subset, started by the run queue as the app starts them, their metrics stored by the queue) and,
 * in the same process and event loop, a synthetic writer storing batches of per-step points of a
 * third run through the store call the queue uses (`RunStore.appendMetrics`, one transaction per
 * batch), yielding to the event loop after each batch so the queue keeps storing the trainers'
 * messages. Reports the writer's points/s over the window both runs were training, and how far the
 * runs got meanwhile.
 *
 *   npm run bench -- --only ingestWhileTraining [--seconds 10] [--batch 200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChildProcessLauncher } from '../main/runs/childProcessLauncher.js';
import { RunService } from '../main/runs/runService.js';
import { SqliteRunStore } from '../main/store/sqliteRunStore.js';
import { runConfigSchema } from '../shared/config/runConfig.js';
import type { MetricPoint } from '../shared/runs/runTypes.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = option('seconds', 10);
const batchSize = option('batch', 200);
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-bench-ingest-'));
const store = SqliteRunStore.open(path.join(dir, 'optlab.db'));
const service = new RunService({
  store,
  launcher: new ChildProcessLauncher({ maxOldSpaceSizeMb: 2048 }),
  dataDir: path.join(dir, 'data'),
  concurrency: 2,
  recover: false,
  warn: () => undefined,
});
try {
  // Long enough to outlast the window: many epochs of the bundled subset, a step metric every batch.
  const training = (seed: number) =>
    runConfigSchema.parse({
      name: `training ${seed}`,
      dataset: { kind: 'fashion-mnist', trainLimit: 0, testLimit: 0 },
      model: { kind: 'mlp', hidden: [256, 128], activation: 'relu' },
      optimizer: { type: 'adam', lr: 0.001 },
      training: { epochs: 200, batchSize: 32, seed },
    });
  const runs = [await service.createRun({ config: training(1) }), await service.createRun({ config: training(2) })];
  const writerRun = store.createRun({ config: training(3), name: 'synthetic writer' });

  // Wait until both runs are training (their first step metrics stored).
  const trainingSince = performance.now();
  const stepsOf = (id: number) => store.getRun(id)?.progress?.step ?? 0;
  while (!runs.every((r) => store.getRun(r.id)?.status === 'running' && stepsOf(r.id) > 0)) {
    const failed = runs.map((r) => store.getRun(r.id)).find((r) => r && r.status !== 'running' && r.status !== 'queued');
    if (failed) throw new Error(`run ${failed.id} ended ${failed.status} before the window: ${failed.error ?? ''}`);
    if (performance.now() - trainingSince > 180_000) throw new Error('the two runs did not start training within 3 minutes');
    await sleep(100);
  }
  const stepsBefore = runs.map((r) => stepsOf(r.id));
  const storedBefore = runs.map((r) => store.getMetrics(r.id, { keys: ['train/loss_step'] })[0]?.points.length ?? 0);

  let written = 0;
  let step = 0;
  let batches = 0;
  let slowest = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    const batch: MetricPoint[] = [];
    for (let i = 0; i < batchSize; i++) {
      step++;
      batch.push({ key: 'train/loss_step', step, epoch: 0, value: Math.exp(-step / 1e5) + 0.01 * Math.sin(step), time: step * 0.001 });
    }
    const t0 = performance.now();
    store.appendMetrics(writerRun.id, batch);
    slowest = Math.max(slowest, performance.now() - t0);
    written += batch.length;
    batches++;
    await yieldToEventLoop();
  }
  const elapsed = (performance.now() - started) / 1000;
  const stillTraining = runs.every((r) => store.getRun(r.id)?.status === 'running');
  const stepsDuring = runs.map((r, i) => stepsOf(r.id) - stepsBefore[i]);
  const storedDuring = runs.map((r, i) => (store.getMetrics(r.id, { keys: ['train/loss_step'] })[0]?.points.length ?? 0) - storedBefore[i]);
  console.log(
    `ingest while two runs train: ${written.toLocaleString('en')} points in ${batches.toLocaleString('en')} batches of ${batchSize} in ${elapsed.toFixed(1)} s = ` +
      `${Math.round(written / elapsed).toLocaleString('en')} points/s (slowest batch ${slowest.toFixed(1)} ms)`,
  );
  console.log(
    `the two runs meanwhile: ${stepsDuring.map((n) => n.toLocaleString('en')).join(' and ')} steps, ${storedDuring.map((n) => n.toLocaleString('en')).join(' and ')} step losses stored by the queue` +
      `${stillTraining ? ', both still training at the end' : ' (one had stopped before the end: the window is not fully "while training")'}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`,
  );
} finally {
  await service.shutdown();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
