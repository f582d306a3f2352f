import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAppServices, type AppServices } from '../../../main/app/createAppServices.js';
import { ApiError } from '../../../shared/api/apiError.js';
import { runConfigSchema, type RunConfig } from '../../../shared/config/runConfig.js';
import { metricKeys, type MetricSeries, type RunSummary } from '../../../shared/runs/runTypes.js';
import { KeepingLauncher, stopAtCheckpoint } from './stopMidRun.js';
import { checkpointRootFor, runCheckpointDir } from '../../../main/checkpoint/checkpointPaths.js';

/** Real services, real training processes, real SQLite: a run stopped mid-training resumes from its last epoch checkpoint. */
describe('resuming a run from its epoch checkpoint', () => {
  let dir: string;
  let dbPath: string;
  const open = () => createAppServices({ dbPath, dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true });
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-resume-'));
    dbPath = path.join(dir, 'optlab.db');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Adam on a Fashion-MNIST subset; no dropout or augmentation, so a run repeats exactly for its seed.
  const config: RunConfig = runConfigSchema.parse({
    dataset: { kind: 'fashion-mnist', trainLimit: 1000, testLimit: 200 },
    model: { kind: 'mlp', hidden: [32] },
    optimizer: { type: 'adam', lr: 0.003 },
    lrSchedule: { type: 'step', stepSize: 2, gamma: 0.5 },
    training: { epochs: 5, batchSize: 64, seed: 7 },
  });
  const stepsPerEpoch = Math.ceil(1000 / 64);

  const series = async (services: AppServices, id: number): Promise<Map<string, MetricSeries['points']>> =>
    new Map((await services.handlers.getMetrics({ id, maxPoints: 0 })).map((s) => [s.key, s.points]));

  let straight: { run: RunSummary; metrics: Map<string, MetricSeries['points']> };

  /** The run's metrics are the straight run's: every step recorded once, the same values to float precision. */
  const assertSameAsStraight = async (services: AppServices, done: RunSummary) => {
    const resumed = await series(services, done.id);
    const totalSteps = 5 * stepsPerEpoch;
    const stepLoss = resumed.get(metricKeys.trainLossStep)!;
    assert.deepEqual(
      stepLoss.map((p) => p.step),
      Array.from({ length: totalSteps }, (_, i) => i + 1),
    );
    for (const key of [metricKeys.trainLossStep, metricKeys.lr, metricKeys.trainLoss, metricKeys.testLoss, metricKeys.testAccuracy]) {
      const got = resumed.get(key)!;
      const want = straight.metrics.get(key)!;
      assert.deepEqual(
        got.map((p) => [p.step, p.epoch]),
        want.map((p) => [p.step, p.epoch]),
        key,
      );
      got.forEach((p, i) => assert.ok(Math.abs(p.value - want[i].value) <= 1e-6 * Math.max(1, Math.abs(want[i].value)), `${key} at step ${p.step}: ${p.value} vs ${want[i].value}`));
    }
    assert.equal(done.lastMetrics[metricKeys.testAccuracy], straight.run.lastMetrics[metricKeys.testAccuracy]);
    assert.ok(Math.abs(done.lastMetrics[metricKeys.testLoss] - straight.run.lastMetrics[metricKeys.testLoss]) < 1e-6);
    assert.deepEqual(done.progress && [done.progress.epoch, done.progress.step], [5, totalSteps]);
    // Times continue from the checkpoint rather than restarting at zero.
    const times = stepLoss.map((p) => p.time);
    assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), 'metric times never go back');
  };

  it('trains the config straight through (the reference)', { timeout: 300_000 }, async () => {
    const services = open();
    try {
      const run = await services.handlers.createRun({ config });
      const done = await services.runs.waitForRun(run.id);
      assert.equal(done.status, 'completed', done.error ?? '');
      assert.equal(done.checkpoint, null, 'a completed run keeps no checkpoint');
      assert.ok(!existsSync(runCheckpointDir(checkpointRootFor(dbPath), run.id)), 'its checkpoint folder is removed');
      straight = { run: done, metrics: await series(services, run.id) };
    } finally {
      await services.close();
    }
  });

  it('a run shut down mid-training resumes after restart from its last checkpoint and ends as the straight run did', { timeout: 300_000 }, async () => {
    // 1. Train until the second epoch's checkpoint is recorded, then stop the app at once.
    let services = open();
    let runId: number;
    try {
      runId = await stopAtCheckpoint(services, config, 2, () => services.close());
    } finally {
      await services.close();
    }

    // 2. Restart: the run is interrupted and points at its checkpoint, which holds one binary file.
    services = open();
    try {
      const interrupted = await services.handlers.getRun({ id: runId });
      assert.equal(interrupted.status, 'interrupted');
      const checkpoint = interrupted.checkpoint!;
      assert.ok(checkpoint.epoch >= 2 && checkpoint.epoch < 5, `checkpoint of epoch ${checkpoint.epoch}`);
      assert.equal(checkpoint.step, checkpoint.epoch * stepsPerEpoch);
      const files = readdirSync(path.dirname(checkpoint.path)).sort();
      assert.deepEqual(files, ['checkpoint.json', `epoch-${checkpoint.epoch}.bin`]);

      // 3. A checkpoint of another config is refused and nothing stored changes.
      const manifestText = readFileSync(checkpoint.path, 'utf8');
      const manifest = JSON.parse(manifestText) as { configHash: string };
      writeFileSync(checkpoint.path, JSON.stringify({ ...manifest, configHash: '0'.repeat(64) }));
      const before = await series(services, runId);
      await assert.rejects(services.handlers.resumeRun({ id: runId }), (error: ApiError) => {
        assert.match(error.message, /written for another config/);
        return true;
      });
      assert.equal((await services.handlers.getRun({ id: runId })).status, 'interrupted');
      assert.deepEqual(await series(services, runId), before);
      writeFileSync(checkpoint.path, manifestText);

      // 4. Resume: queued → running → completed, continuing after the checkpoint's epoch.
      const statuses: string[] = [];
      services.onEvent((event) => {
        if (event.type === 'run-updated' && event.run.id === runId && statuses.at(-1) !== event.run.status) statuses.push(event.run.status);
      });
      const queued = await services.handlers.resumeRun({ id: runId });
      assert.ok(['queued', 'running'].includes(queued.status));
      const done = await services.runs.waitForRun(runId);
      assert.equal(done.status, 'completed', done.error ?? '');
      assert.deepEqual(statuses, ['queued', 'running', 'completed']);

      // 5. Its metrics are those of the straight run: every step once, the same values.
      await assertSameAsStraight(services, done);
    } finally {
      await services.close();
    }
  });

  it('a run whose training process is killed (SIGKILL) fails, then resumes from its last checkpoint and ends as the straight run did', { timeout: 300_000 }, async () => {
    const launcher = new KeepingLauncher();
    const services = createAppServices({ dbPath, dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true, launcher });
    try {
      const runId = await stopAtCheckpoint(services, config, 3, async (id) => {
        launcher.handles.at(-1)!.kill();
        await services.runs.waitForRun(id);
      });
      const failed = await services.handlers.getRun({ id: runId });
      assert.equal(failed.status, 'failed');
      assert.ok((failed.checkpoint?.epoch ?? 0) >= 3, 'the checkpoint is recorded');
      await services.handlers.resumeRun({ id: runId });
      const done = await services.runs.waitForRun(runId);
      assert.equal(done.status, 'completed', done.error ?? '');
      assert.equal(done.error, null);
      assert.equal(launcher.handles.length, 2, 'one new training process');
      assert.equal(done.startedAt, failed.startedAt, 'the run keeps its first start time');
      await assertSameAsStraight(services, done);
    } finally {
      await services.close();
    }
  });

  it('a cancelled run keeps its checkpoint until it is deleted, which removes the checkpoint folder', { timeout: 300_000 }, async () => {
    const services = open();
    try {
      const runId = await stopAtCheckpoint(services, config, 1, async (id) => {
        await services.handlers.cancelRun({ id });
        await services.runs.waitForRun(id);
      });
      const cancelled = await services.handlers.getRun({ id: runId });
      assert.equal(cancelled.status, 'cancelled');
      const folder = path.dirname(cancelled.checkpoint!.path);
      assert.equal(folder, runCheckpointDir(checkpointRootFor(dbPath), runId));
      assert.ok(existsSync(cancelled.checkpoint!.path));
      assert.deepEqual(await services.handlers.deleteRuns({ ids: [runId] }), { deleted: [runId] });
      assert.ok(!existsSync(folder), 'the checkpoint folder is removed with the run');
    } finally {
      await services.close();
    }
  });

  it('a run without a checkpoint is refused with the reason, and stays as it was', { timeout: 120_000 }, async () => {
    const services = open();
    try {
      const run = await services.handlers.createRun({
        config: runConfigSchema.parse({ dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 1e-4 }, training: { epochs: 1, stepsPerEpoch: 10 } }),
      });
      const done = await services.runs.waitForRun(run.id);
      assert.equal(done.status, 'completed');
      await assert.rejects(services.handlers.resumeRun({ id: run.id }), /only an interrupted, failed or cancelled run can resume/);

      const cancelledRun = await services.handlers.createRun({ config });
      await services.handlers.cancelRun({ id: cancelledRun.id });
      const cancelled = await services.runs.waitForRun(cancelledRun.id);
      assert.equal(cancelled.status, 'cancelled');
      if (cancelled.checkpoint) return; // It finished an epoch before the cancel arrived: nothing to check here.
      await assert.rejects(services.handlers.resumeRun({ id: cancelledRun.id }), /has no epoch checkpoint to resume from/);
      assert.equal((await services.handlers.getRun({ id: cancelledRun.id })).status, 'cancelled');
    } finally {
      await services.close();
    }
  });
});
