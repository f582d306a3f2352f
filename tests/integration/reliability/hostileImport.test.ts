import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ExperimentBundle } from '../../../shared/experiments/experimentBundle.js';
import { appServicesForSuite } from '../../support/tempAppServices.js';

/**
 * Import used to store what createRun and updateRunInfo refuse (unknown config fields, 10,000 tags, 5 MB
 * notes, negative or duplicate steps, settingIndex 999, a malformed artifact that then crashed the run
 * page) and to fail deep files with a stack overflow: every row is now checked as the API checks it,
 * and a bad file changes nothing.
 */
describe('importing a hostile experiment file', () => {
  const services = appServicesForSuite('hostile-import');
  let good: ExperimentBundle;

  before(async () => {
    const created = await services.handlers.createExperiment({
      config: {
        name: 'source',
        base: { dataset: { kind: 'surface', surface: 'quadratic-bowl' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.01 }, training: { epochs: 2, stepsPerEpoch: 10 } },
        sweep: { axes: [{ path: 'optimizer.lr', values: [0.01, 0.02] }], linked: [] },
        trials: { count: 1, firstSeed: 0 },
        notes: '',
      },
    });
    await services.runs.queue.whenIdle();
    good = await services.handlers.exportExperiment({ id: created.id });
    good.runs[0].tables.run_artifacts = [
      { cells: { name: 'confusion-matrix', content: JSON.stringify({ epoch: 2, classNames: ['a', 'b'], matrix: [[3, 1], [0, 4]] }), created_at: '2026-01-01T00:00:00Z' }, children: {} },
    ];
  });

  const copy = (): ExperimentBundle => structuredClone(good);
  const counts = async () => ({ experiments: (await services.handlers.listExperiments({})).length, runs: (await services.handlers.listRuns({})).length });

  const refuses = async (what: string, bundle: unknown, message: RegExp) => {
    const before = await counts();
    await assert.rejects(services.handlers.importExperiment({ bundle }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'invalid-input', `${what}: ${error.message}`);
      assert.match(error.message, message, what);
      return true;
    });
    assert.deepEqual(await counts(), before, `${what}: nothing is stored`);
  };

  it('imports the good file, with its artifact', async () => {
    const imported = await services.handlers.importExperiment({ bundle: copy() });
    assert.equal(imported.runIds.length, 2);
    const matrix = await services.handlers.getConfusionMatrix({ id: imported.runIds[0] });
    assert.deepEqual(matrix?.matrix, [[3, 1], [0, 4]]);
  });

  it('refuses unknown config fields', async () => {
    const bundle = copy();
    (bundle.runs[0].config.optimizer as Record<string, unknown>).momentumm = 0.9;
    await refuses('unknown run field', bundle, /config of run 1 \(.*\): optimizer\.momentumm: optimizer\.momentumm is not a field of optimizer \(sgd\); did you mean momentum\?/);
    const experiment = copy();
    experiment.experiment.config.colour = 'red';
    await refuses('unknown experiment field', experiment, /colour/);
  });

  it('refuses tags and notes over the limits of updateRunInfo', async () => {
    const tags = copy();
    tags.runs[0].tags = Array.from({ length: 10_000 }, (_, i) => `t${i}`);
    await refuses('10,000 tags', tags, /runs\.0\.tags/);
    const notes = copy();
    notes.runs[0].notes = 'x'.repeat(5 << 20);
    await refuses('5 MB notes', notes, /runs\.0\.notes/);
  });

  it('refuses negative and duplicate steps', async () => {
    const negative = copy();
    negative.runs[0].metrics[0].step[0] = -5;
    await refuses('negative step', negative, /runs\.0\.metrics\.0\.step\.0/);
    const duplicate = copy();
    const series = duplicate.runs[0].metrics[0];
    series.step[1] = series.step[0];
    await refuses('duplicate step', duplicate, /steps must increase/);
    const twice = copy();
    twice.runs[0].metrics.push(structuredClone(twice.runs[0].metrics[0]));
    await refuses('a series twice', twice, /appears twice/);
  });

  it('refuses setting and trial indexes outside the grid', async () => {
    const setting = copy();
    setting.runs[0].settingIndex = 999;
    await refuses('settingIndex 999', setting, /runs\.0\.settingIndex: setting 999 does not exist: the experiment has 2 setting/);
    const trial = copy();
    trial.runs[0].trial = 3;
    await refuses('trial 3', trial, /runs\.0\.trial/);
  });

  it('refuses a malformed artifact', async () => {
    const bundle = copy();
    bundle.runs[0].tables.run_artifacts[0].cells.content = JSON.stringify({ epoch: 2, classNames: ['a', 'b'], matrix: [[1]] });
    await refuses('a 1 × 1 matrix for 2 classes', bundle, /not a valid confusion-matrix: matrix: must be 2 × 2/);
    const kind = copy();
    kind.runs[0].tables.run_artifacts[0].cells.name = 'payload';
    await refuses('an unknown artifact', kind, /not a kind of run artifact/);
  });

  it('refuses a deeply nested file with a clear error', async () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    const bundle = copy();
    bundle.runs[0].config.extra = deep;
    await refuses('100,000 levels', bundle, /nests deeper than 64 levels/);
  });
});
