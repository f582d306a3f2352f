import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../../../shared/api/apiError.js';
import { createAppServices, type AppServices } from '../../../main/app/createAppServices.js';
import { ChildProcessLauncher } from '../../../main/runs/childProcessLauncher.js';
import type { ExperimentBundle } from '../../../shared/experiments/experimentBundle.js';
import { experimentConfigSchema } from '../../../shared/experiments/experimentConfig.js';
import { metricKeys } from '../../../shared/runs/runTypes.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-experiments-'));
const launcher = new ChildProcessLauncher({ maxOldSpaceSizeMb: 1024 });
let source: AppServices;

const config = experimentConfigSchema.parse({
  name: 'MAS λ on Rosenbrock',
  base: {
    dataset: { kind: 'surface', surface: 'rosenbrock' },
    model: { kind: 'point' },
    optimizer: { type: 'mas', lr: 1e-4, lambdaAdam: 0.5, lambdaSgd: 0.5 },
    training: { epochs: 3, stepsPerEpoch: 15 },
  },
  sweep: {
    axes: [{ path: 'optimizer.lambdaAdam', values: [0.2, 0.8] }],
    linked: [{ path: 'optimizer.lambdaSgd', from: 'optimizer.lambdaAdam', scale: -1, offset: 1 }],
  },
  trials: { seeds: [1, 2, 3] },
});

before(() => {
  source = createAppServices({ dbPath: path.join(dir, 'source.db'), dataDir: dir, mode: 'browser', recoverInterrupted: true, launcher, concurrency: 2 });
});
after(async () => {
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

test('an experiment of 2 settings × 3 seeds trains to the end; its table matches the stored metrics; its file re-imports identically', { timeout: 300_000 }, async () => {
  const { handlers } = source;
  const preview = await handlers.previewExperiment({ config });
  assert.equal(preview.runCount, 6);
  assert.equal(preview.settingCount, 2);

  const experiment = await handlers.createExperiment({ config });
  assert.equal(experiment.runIds.length, 6);
  const finished = await Promise.all(experiment.runIds.map((id) => source.runs.waitForRun(id)));
  for (const run of finished) assert.equal(run.status, 'completed', run.error ?? '');
  assert.deepEqual(
    finished.map((r) => [r.settingIndex, r.trial, r.seed, r.experimentId]),
    [0, 1].flatMap((s) => [1, 2, 3].map((seed, t) => [s, t, seed, experiment.id])),
  );
  assert.deepEqual(finished[3].setting, { 'optimizer.lambdaAdam': 0.8, 'optimizer.lambdaSgd': 0.2 });
  assert.deepEqual((await handlers.getExperiment({ id: experiment.id })).statusCounts, { completed: 6 });

  // The table, against values computed here from every stored point.
  const key = metricKeys.trainLoss;
  const table = await handlers.getResultsTable({ experimentId: experiment.id, metrics: [key], preset: 'statistics' });
  assert.equal(table.rows.length, 2);
  const column = (id: string) => table.columns.findIndex((c) => c.id === id);
  for (const [setting, row] of table.rows.entries()) {
    const runIds = finished.filter((r) => r.settingIndex === setting).map((r) => r.id);
    const series = await handlers.getMetricsBatch({ ids: runIds, keys: [key], maxPoints: 0 });
    const epochValues = series.map((s) => s.series[0].points.filter((p) => p.epoch > 0).map((p) => p.value));
    assert.ok(epochValues.every((v) => v.length === 3));
    const finals = epochValues.map((v) => v.at(-1)!);
    const bests = epochValues.map((v) => Math.min(...v));
    assert.equal(row.cells[column(`${key}:final:mean`)], mean(finals));
    assert.equal(row.cells[column(`${key}:final:min`)], Math.min(...finals));
    assert.equal(row.cells[column(`${key}:final:max`)], Math.max(...finals));
    assert.equal(row.cells[column(`${key}:best:mean`)], mean(bests));
    assert.equal(row.cells[column('trials')], 3);
    assert.equal(row.cells[column('param:optimizer.lambdaAdam')], [0.2, 0.8][setting]);
  }

  // Export, then import into an empty database: same table, same metrics, new ids.
  const bundle = JSON.parse(JSON.stringify(await handlers.exportExperiment({ id: experiment.id }))) as ExperimentBundle;
  assert.equal(bundle.runs.length, 6);
  const target = createAppServices({ dbPath: path.join(dir, 'target.db'), dataDir: dir, mode: 'browser', recoverInterrupted: true, launcher });
  try {
    await target.handlers.createRun({ config: { ...finished[0].config, training: { ...finished[0].config.training, epochs: 1, stepsPerEpoch: 2 } } });
    const imported = await target.handlers.importExperiment({ bundle });
    assert.equal(imported.runIds.length, 6);
    assert.notDeepEqual(imported.runIds, experiment.runIds, 'new ids');
    const importedTable = await target.handlers.getResultsTable({ experimentId: imported.id, metrics: [key], preset: 'statistics' });
    const cellsOf = (t: typeof table) => t.rows.map((r) => ({ cells: r.cells, best: r.best }));
    assert.deepEqual(cellsOf(importedTable), cellsOf(table));
    const before = await handlers.getMetricsBatch({ ids: experiment.runIds, maxPoints: 0 });
    const afterImport = await target.handlers.getMetricsBatch({ ids: imported.runIds, maxPoints: 0 });
    assert.deepEqual(afterImport.map((r) => r.series), before.map((r) => r.series));
    const importedRuns = await Promise.all(imported.runIds.map((id) => target.handlers.getRun({ id })));
    assert.deepEqual(
      importedRuns.map((r) => [r.name, r.status, r.config, r.setting, r.trial, r.lastMetrics]),
      finished.map((r) => [r.name, r.status, r.config, r.setting, r.trial, r.lastMetrics]),
    );
    await target.runs.queue.whenIdle();
  } finally {
    await target.close();
  }
});

test('a bad experiment file is refused with a clear error and changes nothing', async () => {
  const target = createAppServices({ dbPath: path.join(dir, 'refusing.db'), dataDir: dir, mode: 'browser', recoverInterrupted: true, launcher });
  try {
    const [first] = await source.handlers.listExperiments({});
    const bundle = JSON.parse(JSON.stringify(await source.handlers.exportExperiment({ id: first.id }))) as ExperimentBundle;
    // The last run's config is invalid: nothing of the file may be stored.
    (bundle.runs[5].config.optimizer as Record<string, unknown>).lambdaAdam = 3;
    await assert.rejects(target.handlers.importExperiment({ bundle }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'invalid-input');
      assert.match(error.message, /config of run 6 .*optimizer\.lambdaAdam/);
      return true;
    });
    // A table of runs this database does not have is refused before anything is written.
    const unknownTable = JSON.parse(JSON.stringify(await source.handlers.exportExperiment({ id: first.id }))) as ExperimentBundle;
    unknownTable.runs[5].tables = { gradient_norms: [{ cells: { value: 1 }, children: {} }] };
    await assert.rejects(target.handlers.importExperiment({ bundle: unknownTable }), /gradient_norms rows, but this database has no such table/);
    await assert.rejects(target.handlers.importExperiment({ bundle: { format: 'something-else' } }), /not an Optimizer Lab experiment file/);
    assert.deepEqual(await target.handlers.listExperiments({}), []);
    assert.deepEqual(await target.handlers.listRuns({}), []);
  } finally {
    await target.close();
  }
  const db = new BetterSqlite3(path.join(dir, 'refusing.db'), { readonly: true });
  try {
    assert.equal((db.prepare('SELECT count(*) AS n FROM metric_points').get() as { n: number }).n, 0);
  } finally {
    db.close();
  }
});

test('tags and notes are kept; deleting a training run cancels it first and removes its metrics', { timeout: 120_000 }, async () => {
  const { handlers } = source;
  const long = await handlers.createRun({
    config: { ...config.base, training: { epochs: 200, stepsPerEpoch: 1000 } } as never,
  });
  const tagged = await handlers.updateRunInfo({ id: long.id, tags: [' mas ', 'long', 'mas'], notes: 'to delete' });
  assert.deepEqual([tagged.tags, tagged.notes], [['mas', 'long'], 'to delete']);
  await new Promise<void>((resolve) => {
    const off = source.onEvent((event) => {
      if (event.type === 'metrics' && event.runId === long.id) {
        off();
        resolve();
      }
    });
  });
  assert.equal((await handlers.getRun({ id: long.id })).status, 'running');
  assert.deepEqual(await handlers.deleteRuns({ ids: [long.id] }), { deleted: [long.id] });
  await assert.rejects(handlers.getRun({ id: long.id }), /There is no run/);
  await source.runs.queue.whenIdle();
  assert.deepEqual(source.runs.queue.activeRunIds(), []);
});
