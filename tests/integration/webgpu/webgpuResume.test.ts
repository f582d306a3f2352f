/**
 * Checkpoints and resume on webgpu: a run that asks for webgpu, whose training process is killed once
 * its epoch-1 checkpoint is written, resumes on webgpu and ends as the same run trained straight through there.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAppServices, type AppServices } from '../../../main/app/createAppServices.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { metricKeys } from '../../../shared/runs/runTypes.js';
import { KeepingLauncher, stopAtCheckpoint } from '../checkpoint/stopMidRun.js';

describe('resuming a webgpu run from its checkpoint', { timeout: 300_000 }, () => {
  let dir: string;
  let services: AppServices;
  const launcher = new KeepingLauncher();
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-webgpu-resume-'));
    services = createAppServices({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true, launcher });
  });
  after(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = runConfigSchema.parse({
    dataset: { kind: 'fashion-mnist', trainLimit: 512, testLimit: 64 },
    model: { kind: 'mlp', hidden: [32] },
    optimizer: { type: 'adam', lr: 3e-3 },
    training: { epochs: 3, batchSize: 32, seed: 11, device: 'webgpu' },
  });
  const losses = async (id: number) =>
    (await services.handlers.getMetrics({ id, maxPoints: 0 })).find((s) => s.key === metricKeys.trainLossStep)!.points.map((p) => [p.step, p.value]);

  it('ends as the straight run: every step once, the same losses', async () => {
    const straight = await services.runs.waitForRun((await services.handlers.createRun({ config })).id);
    assert.equal(straight.status, 'completed', straight.error ?? '');
    assert.equal(straight.backend?.backend, 'webgpu');

    const id = await stopAtCheckpoint(services, config, 1, async (runId) => {
      launcher.handles.at(-1)!.kill();
      await services.runs.waitForRun(runId);
    });
    const failed = await services.handlers.getRun({ id });
    assert.equal(failed.status, 'failed');
    await services.handlers.resumeRun({ id });
    const done = await services.runs.waitForRun(id);
    assert.equal(done.status, 'completed', done.error ?? '');
    assert.equal(done.backend?.backend, 'webgpu');

    const [got, want] = [await losses(id), await losses(straight.id)];
    assert.deepEqual(
      got.map(([step]) => step),
      want.map(([step]) => step),
    );
    got.forEach(([step, value], i) => assert.ok(Math.abs(value - want[i][1]) <= 1e-6 * Math.max(1, want[i][1]), `step ${step}: ${value} vs ${want[i][1]}`));
  });
});
