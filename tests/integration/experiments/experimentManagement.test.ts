import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../../shared/api/apiError.js';
import { experimentConfigSchema } from '../../../shared/experiments/experimentConfig.js';
import { appServicesForSuite } from '../../support/tempAppServices.js';

const services = appServicesForSuite('experiment-management', { concurrency: 2 });

/** SGD on Rosenbrock: lr 1e-4 trains, lr 5 diverges within the first epoch. */
const config = experimentConfigSchema.parse({
  name: 'lr on Rosenbrock',
  base: {
    dataset: { kind: 'surface', surface: 'rosenbrock' },
    model: { kind: 'point' },
    optimizer: { type: 'sgd', lr: 1e-4 },
    training: { epochs: 2, stepsPerEpoch: 10 },
  },
  sweep: { axes: [{ path: 'optimizer.lr', values: [1e-4, 5] }] },
  trials: { count: 1 },
});

async function settle(ids: number[]) {
  return Promise.all(ids.map((id) => services.runs.waitForRun(id)));
}

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

test('labels, more seeds, re-running failed trials, the duplicate import and deletion, each leaving the rest as it was', { timeout: 300_000 }, async () => {
  const { handlers } = services;
  const experiment = await handlers.createExperiment({ config });
  const first = await settle(experiment.runIds);
  assert.deepEqual(first.map((r) => r.status), ['completed', 'diverged']);
  assert.deepEqual((await handlers.getExperiment({ id: experiment.id })).settingLabels, ['lr=0.0001', 'lr=5']);

  // Display labels: stored, used by the results table; a label for a setting that does not exist is refused.
  const labelled = await handlers.updateExperiment({ id: experiment.id, labels: { '0': 'SGD slow', '1': 'SGD fast' } });
  assert.deepEqual(labelled.settingLabels, ['SGD slow', 'SGD fast']);
  assert.deepEqual((await handlers.getExperiment({ id: experiment.id })).config.labels, { '0': 'SGD slow', '1': 'SGD fast' });
  const table = await handlers.getResultsTable({ experimentId: experiment.id, metrics: ['train/loss'] });
  const nameColumn = table.columns.findIndex((c) => c.id === 'name');
  assert.deepEqual(table.rows.map((r) => r.cells[nameColumn]), ['SGD slow', 'SGD fast']);
  await rejectsWith(handlers.updateExperiment({ id: experiment.id, labels: { '2': 'nothing' } }), 'invalid-input', /has 2 settings; there is no setting 3/);
  assert.deepEqual((await handlers.updateExperiment({ id: experiment.id, labels: { '1': '' } })).settingLabels, ['SGD slow', 'lr=5'], 'an empty label restores the generated one');

  // More seeds: one more trial per setting, after the highest seed; a seed it already has is refused, nothing added.
  await rejectsWith(handlers.extendExperiment({ id: experiment.id, seeds: [0] }), 'invalid-input', /already has seed 0/);
  assert.equal((await handlers.getExperiment({ id: experiment.id })).runIds.length, 2);
  const extended = await handlers.extendExperiment({ id: experiment.id, count: 1 });
  assert.equal(extended.runIds.length, 4);
  assert.deepEqual(extended.config.trials, { seeds: [0, 1] });
  const added = await settle(extended.runIds.slice(2));
  assert.deepEqual(added.map((r) => [r.settingIndex, r.trial, r.seed, r.setting?.['optimizer.lr'], r.status]), [
    [0, 1, 1, 1e-4, 'completed'],
    [1, 1, 1, 5, 'diverged'],
  ]);

  // Re-running the failed trials replaces exactly those (same setting, trial and seed); the completed ones stay.
  const completedIds = [first[0].id, added[0].id];
  const rerun = await handlers.rerunExperiment({ id: experiment.id, statuses: ['failed', 'diverged'] });
  assert.equal(rerun.requeued, 2);
  assert.equal(rerun.runIds.length, 4);
  for (const id of completedIds) assert.ok(rerun.runIds.includes(id));
  const replaced = rerun.runIds.filter((id) => !completedIds.includes(id));
  assert.ok(replaced.every((id) => id > added[1].id), 'fresh runs');
  const again = await settle(replaced);
  assert.deepEqual(again.map((r) => [r.settingIndex, r.trial, r.seed, r.status]), [
    [1, 0, 0, 'diverged'],
    [1, 1, 1, 'diverged'],
  ]);
  await rejectsWith(handlers.getRun({ id: first[1].id }), 'not-found', /no run/);
  assert.equal((await handlers.rerunExperiment({ id: experiment.id, statuses: ['failed'] })).requeued, 0);

  // The same file imported twice: the second time is a conflict naming the first, nothing stored; as a copy it is imported.
  const bundle = JSON.parse(JSON.stringify(await handlers.exportExperiment({ id: experiment.id }))) as unknown;
  const imported = await handlers.importExperiment({ bundle });
  assert.equal(imported.imported, true);
  const runsBefore = (await handlers.listRuns({})).length;
  await rejectsWith(handlers.importExperiment({ bundle }), 'conflict', new RegExp(`already imported as experiment ${imported.id} "lr on Rosenbrock" \\(4 runs\\)`));
  assert.equal((await handlers.listRuns({})).length, runsBefore);
  assert.equal((await handlers.listExperiments({})).length, 2);
  // Exported again later (another exportedAt), it is still recognised.
  const reexported = { ...(JSON.parse(JSON.stringify(await handlers.exportExperiment({ id: experiment.id }))) as Record<string, unknown>), exportedAt: '2030-01-01T00:00:00.000Z' };
  await rejectsWith(handlers.importExperiment({ bundle: reexported }), 'conflict', /already imported/);
  const copy = await handlers.importExperiment({ bundle, onDuplicate: 'copy' });
  assert.notEqual(copy.id, imported.id);
  assert.equal(copy.runIds.length, 4);

  // Delete without its runs: they stay, of no experiment. With its runs: they go.
  assert.deepEqual(await handlers.deleteExperiment({ id: imported.id, withRuns: false }), { deletedRuns: [] });
  for (const id of imported.runIds) assert.equal((await handlers.getRun({ id })).experimentId ?? null, null);
  const deleted = await handlers.deleteExperiment({ id: copy.id, withRuns: true });
  assert.deepEqual(deleted.deletedRuns.sort((a, b) => a - b), copy.runIds);
  for (const id of copy.runIds) await rejectsWith(handlers.getRun({ id }), 'not-found', /no run/);
  assert.deepEqual((await handlers.listExperiments({})).map((e) => e.id), [experiment.id]);
  assert.equal((await handlers.getExperiment({ id: experiment.id })).runIds.length, 4, 'the other experiment is untouched');
  await rejectsWith(handlers.deleteExperiment({ id: copy.id, withRuns: true }), 'not-found', /no experiment/);
});
