import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import { ChildProcessLauncher } from '../../../main/runs/childProcessLauncher.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { experimentConfigSchema } from '../../../shared/experiments/experimentConfig.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';
import { optlab } from '../../support/optlabCli.js';
import { tempDirForSuite } from '../../support/tempDir.js';

/** Work the machine cannot hold is refused before it starts, with the figures. */
describe('resource limits', () => {
  const services = appServicesForSuite('resources', { launcher: new ChildProcessLauncher({ env: { ...process.env, OPTLAB_TRAINING_MEMORY_MB: '64' } }) });
  const dir = tempDirForSuite('resources-cli');

  it('refuses a 10¹⁰-step run whose metrics would not fit on the disk, and stores nothing', async () => {
    // Used to be accepted: about 6 TB of metrics at the measured rate.
    await assert.rejects(
      services.handlers.createRun({
        config: runConfigSchema.parse({
          dataset: { kind: 'surface', surface: 'rosenbrock' },
          model: { kind: 'point' },
          optimizer: { type: 'sgd', lr: 0.01 },
          training: { epochs: 10_000, stepsPerEpoch: 1_000_000 },
        }),
      }),
      (error: Error & { code?: string; issues?: { path: string }[] }) => {
        assert.equal(error.code, 'invalid-input');
        assert.match(error.message, /10,000,000,000 steps and add about \d+(\.\d)? TB of metrics to the database; its disk has .* free/);
        assert.equal(error.issues?.[0]?.path, 'training.epochs');
        return true;
      },
    );
    assert.deepEqual(await services.handlers.listRuns({}), []);
  });

  it('refuses an experiment of a million runs at once', async () => {
    const started = performance.now();
    await assert.rejects(
      services.handlers.previewExperiment({
        config: experimentConfigSchema.parse({
          name: 'huge',
          base: { dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.01 }, training: { epochs: 1 } },
          sweep: { axes: [{ path: 'optimizer.lr', values: Array.from({ length: 1000 }, (_, i) => (i + 1) / 1e4) }, { path: 'training.seed', values: Array.from({ length: 1000 }, (_, i) => i) }], linked: [] },
          trials: { count: 1, firstSeed: 0 },
        }),
      }),
      /expands to 1,000,000 runs; an experiment may have at most 10,000/,
    );
    assert.ok(performance.now() - started < 1000, 'refused before expanding');
  });

  it('fails a run whose model and batch need more memory than training may use, before its first step', async () => {
    const run = await trainToEnd(services, {
      dataset: { kind: 'fashion-mnist', trainLimit: 4096, testLimit: 100 },
      model: { kind: 'mlp', hidden: [1024, 1024, 1024, 1024] },
      optimizer: { type: 'adam', lr: 0.001 },
      training: { epochs: 1, batchSize: 4096 },
    });
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /Training needs about \d+ MB \(3,962,890 parameters .* × batch 4096\); 64 MB is available to training/);
    const metrics = await services.handlers.getMetrics({ id: run.id, maxPoints: 0 });
    assert.ok(metrics.every((s) => s.points.length === 0), 'no step was taken');
  });

  it('refuses --concurrency 0 instead of running one at a time', async () => {
    const file = path.join(dir, 'experiment.json');
    writeFileSync(file, JSON.stringify({ name: 'x', base: { dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.01 }, training: { epochs: 1 } } }));
    const result = await optlab(['--db', path.join(dir, 'cli.db'), 'experiment', 'run', file, '--concurrency', '0']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /--concurrency.*expected a whole number >= 1/);
  });
});
