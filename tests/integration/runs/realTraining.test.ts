import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChildProcessLauncher } from '../../../main/runs/childProcessLauncher.js';
import { metricKeys } from '../../../shared/runs/runTypes.js';
import { surfaceConfig } from '../../unit/main/store/testDb.js';
import { databasePerTest } from './runHarness.js';

const db = databasePerTest();

test('the real training process trains SGD on the Rosenbrock surface and its metrics are stored', { timeout: 120_000 }, async () => {
  const { service } = db.openService(new ChildProcessLauncher({ maxOldSpaceSizeMb: 1024 }));
  const config = surfaceConfig({ optimizer: { type: 'sgd', lr: 1e-4 }, training: { epochs: 2, stepsPerEpoch: 20, seed: 1, batchSize: 1 } });

  const run = await service.createRun({ config });
  const done = await service.waitForRun(run.id);
  assert.equal(done.status, 'completed', done.error ?? '');
  assert.ok(done.backend && done.backend.backend.length > 0, 'the backend is recorded');
  assert.deepEqual(done.progress, { epoch: 2, totalEpochs: 2, step: 40, totalSteps: 40, etaSeconds: 0 });

  const series = new Map((await service.getMetrics({ id: run.id, maxPoints: 0 })).map((s) => [s.key, s.points]));
  const stepLoss = series.get(metricKeys.trainLossStep)!;
  assert.deepEqual(
    stepLoss.map((p) => p.step),
    Array.from({ length: 40 }, (_, i) => i + 1),
  );
  assert.ok(stepLoss.every((p) => p.epoch === 0 && Number.isFinite(p.value)));
  const epochLoss = series.get(metricKeys.trainLoss)!;
  assert.deepEqual(
    epochLoss.map((p) => [p.epoch, p.step]),
    [
      [1, 20],
      [2, 40],
    ],
  );
  // Descent: the loss at the end is below the loss at the start point.
  assert.ok(stepLoss.at(-1)!.value < stepLoss[0].value, `loss went from ${stepLoss[0].value} to ${stepLoss.at(-1)!.value}`);
  assert.equal(done.lastMetrics[metricKeys.trainLoss], epochLoss[1].value);
  assert.ok(metricKeys.distanceToMinimum in done.lastMetrics);
});
