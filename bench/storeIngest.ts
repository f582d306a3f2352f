/**
 * Store benchmark: how fast metric points go into SQLite (batches as the queue stores them, one
 * transaction each), and how long Compare waits for a downsampled comparison of 50 runs × 10,000
 * points (the getMetricsBatch read: SQLite pre-reduction plus LTTB to 800 points per run).
 *
 *   npm run bench -- --only storeIngest [--runs 50] [--points 10000] [--batch 200]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { SqliteRunStore } from '../main/store/sqliteRunStore.js';
import { runConfigSchema } from '../shared/config/runConfig.js';
import type { MetricPoint } from '../shared/runs/runTypes.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const runCount = option('runs', 50);
const pointsPerRun = option('points', 10_000);
const batchSize = option('batch', 200);
const comparePoints = 800;

const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-bench-store-'));
const store = SqliteRunStore.open(path.join(dir, 'bench.db'));
try {
  const config = runConfigSchema.parse({
    dataset: { kind: 'surface', surface: 'rosenbrock' },
    model: { kind: 'point' },
    optimizer: { type: 'sgd', lr: 1e-3 },
    training: { epochs: 10, stepsPerEpoch: pointsPerRun / 10 },
  });
  const runIds = Array.from({ length: runCount }, (_, i) => store.createRun({ config, name: `bench ${i}` }).id);

  // Per step: loss and learning rate, as the training loop records them; epoch metrics every 1/10.
  let points = 0;
  const started = performance.now();
  for (const runId of runIds) {
    let batch: MetricPoint[] = [];
    for (let step = 1; step <= pointsPerRun; step++) {
      batch.push({ key: 'train/loss_step', step, epoch: 0, value: Math.exp(-step / 2000) + 0.05 * Math.sin(step * (runId + 1)), time: step * 0.01 });
      points++;
      if (step % (pointsPerRun / 10) === 0) {
        batch.push({ key: 'test/accuracy', step, epoch: step / (pointsPerRun / 10), value: 1 - Math.exp(-step / 3000), time: step * 0.01 });
        points++;
      }
      if (batch.length >= batchSize) {
        store.appendMetrics(runId, batch);
        batch = [];
      }
    }
    store.appendMetrics(runId, batch);
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  console.log(`ingest: ${points.toLocaleString('en')} points in batches of ${batchSize} in ${ingestSeconds.toFixed(2)} s = ${Math.round(points / ingestSeconds).toLocaleString('en')} points/s`);
  // Bytes per stored point: the database file (rows, indexes, buckets, latest values) after a checkpoint, over the points.
  const db = new BetterSqlite3(path.join(dir, 'bench.db'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const bytes = statSync(path.join(dir, 'bench.db')).size;
  const metricsBytes = (db.prepare(`SELECT sum(pgsize) AS n FROM dbstat WHERE name IN ('metric_series', 'metric_points', 'metric_buckets') OR name LIKE 'sqlite_autoindex_metric_series%'`).get() as { n: number | null }).n;
  db.close();
  console.log(
    `bytes per stored point: ${(bytes / points).toFixed(1)} (database file ${(bytes / 2 ** 20).toFixed(1)} MiB)` +
      (metricsBytes ? `; metric series, points and buckets: ${(metricsBytes / points).toFixed(1)}` : ''),
  );

  // Compare's read: every run's loss series downsampled, first (cold) and then repeated.
  const timings: number[] = [];
  let returned = 0;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    returned = 0;
    for (const runId of runIds) for (const series of store.getMetrics(runId, { keys: ['train/loss_step', 'test/accuracy'], maxPoints: comparePoints })) returned += series.points.length;
    timings.push(performance.now() - t0);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(
    `compare read: ${runCount} runs × ${pointsPerRun.toLocaleString('en')} points → ${returned.toLocaleString('en')} points (≤ ${comparePoints} per series): ` +
      `first ${timings[0].toFixed(0)} ms, median ${sorted[2].toFixed(0)} ms, best ${sorted[0].toFixed(0)} ms`,
  );
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
