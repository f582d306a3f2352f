import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAppServices, type AppServices } from '../../../main/app/createAppServices.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { metricKeys } from '../../../shared/runs/runTypes.js';
import { stopAtCheckpoint } from './stopMidRun.js';

/** A resumed run holds out the same validation examples and trains on the same others: it equals the straight one. */
describe('resuming a run with a validation split', () => {
  let dir: string;
  let dbPath: string;
  const open = () => createAppServices({ dbPath, dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true });
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-resume-val-'));
    dbPath = path.join(dir, 'optlab.db');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const config = runConfigSchema.parse({
    dataset: { kind: 'fashion-mnist', trainLimit: 640, testLimit: 128, augment: { cropPadding: 2, horizontalFlip: true, zScore: true } },
    model: { kind: 'mlp', hidden: [16] },
    optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 },
    training: { epochs: 4, batchSize: 64, seed: 11, validation: { holdOut: 128 } },
  });

  const stepLoss = async (services: AppServices, id: number) =>
    (await services.handlers.getMetrics({ id, keys: [metricKeys.trainLossStep, metricKeys.valLoss], maxPoints: 0 })).map((s) => s.points.map((p) => [p.step, p.value]));

  it('the straight run and the run stopped after an epoch and resumed record the same training and validation losses', { timeout: 300_000 }, async () => {
    let services = open();
    let straight: number[][][];
    let runId: number;
    try {
      const run = await services.handlers.createRun({ config });
      assert.equal((await services.runs.waitForRun(run.id)).status, 'completed');
      straight = await stepLoss(services, run.id);
      runId = await stopAtCheckpoint(services, config, 2, () => services.close());
    } finally {
      await services.close();
    }
    services = open();
    try {
      await services.handlers.resumeRun({ id: runId });
      const done = await services.runs.waitForRun(runId);
      assert.equal(done.status, 'completed', done.error ?? '');
      const resumed = await stepLoss(services, runId);
      // Series come sorted by key: train/loss_step (512 examples trained on: 8 steps per epoch), then val/loss (one point per epoch).
      assert.deepEqual(resumed.map((s) => s.length), [4 * 8, 4]);
      for (let s = 0; s < straight.length; s++) {
        assert.deepEqual(resumed[s].map(([step]) => step), straight[s].map(([step]) => step));
        resumed[s].forEach(([step, value], i) => assert.ok(Math.abs(value - straight[s][i][1]) <= 1e-6 * Math.max(1, Math.abs(value)), `step ${step}: ${value} vs ${straight[s][i][1]}`));
      }
    } finally {
      await services.close();
    }
  });
});
