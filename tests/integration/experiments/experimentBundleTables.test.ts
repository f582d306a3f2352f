import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadMigrations, type Migration } from '../../../main/store/migrations.js';
import { openDatabase } from '../../../main/store/openDatabase.js';
import { SqliteExperimentStore } from '../../../main/store/sqliteExperimentStore.js';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import { toColumnarBundle } from '../../../shared/experiments/columnarBundle.js';
import { experimentBundleSchema } from '../../../shared/experiments/experimentBundle.js';
import { experimentConfigSchema } from '../../../shared/experiments/experimentConfig.js';
import { expandExperiment } from '../../../shared/experiments/expandExperiment.js';
import { tempDirForSuite } from '../../support/tempDir.js';

const dir = tempDirForSuite('bundle');

/** A per-run table with its own id and a child table under it, like the ε histogram captures and their layers. */
const extraTables: Migration = {
  version: loadMigrations().length + 1,
  name: 'test_run_tables',
  sql: `
    CREATE TABLE test_captures (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, step INTEGER NOT NULL, payload BLOB);
    CREATE TABLE test_capture_layers (capture_id INTEGER NOT NULL REFERENCES test_captures (id) ON DELETE CASCADE, layer TEXT NOT NULL, value REAL, PRIMARY KEY (capture_id, layer)) WITHOUT ROWID;`,
};

function open(name: string, withExtra = true) {
  const db = openDatabase(path.join(dir, name), { migrations: withExtra ? [...loadMigrations(), extraTables] : loadMigrations() });
  const runs = new SqliteRunStore(db);
  return { db, runs, experiments: new SqliteExperimentStore(db, runs) };
}

function seed(store: ReturnType<typeof open>) {
  const config = experimentConfigSchema.parse({
    name: 'tables',
    base: { dataset: { kind: 'surface', surface: 'beale' }, model: { kind: 'point' }, optimizer: { type: 'adam', lr: 0.01 }, training: { epochs: 1 } },
    trials: { seeds: [1, 2] },
  });
  const experiment = store.experiments.createExperiment({ name: config.name, config });
  for (const run of expandExperiment(config).runs) {
    const created = store.runs.createRun({ config: run.config, name: run.name, experimentId: experiment.id, settingIndex: run.settingIndex, setting: run.setting, trial: run.trial, tags: ['a'] });
    store.runs.appendMetrics(created.id, [
      { key: 'train/loss', step: 10, epoch: 1, value: 0.5 + created.id, time: 1 },
      { key: 'train/loss_step', step: 1, epoch: 0, value: Number.NaN, time: 0.1 },
    ]);
    store.runs.updateRun(created.id, { status: 'completed' });
    for (const step of [5, 10]) {
      const capture = Number(store.db.prepare('INSERT INTO test_captures (run_id, step, payload) VALUES (?, ?, ?)').run(created.id, step, Buffer.from([1, 2, step])).lastInsertRowid);
      for (const layer of ['dense0', 'dense1']) store.db.prepare('INSERT INTO test_capture_layers VALUES (?, ?, ?)').run(capture, layer, step * 0.1);
    }
  }
  return experiment;
}

function captureRows(store: ReturnType<typeof open>, runId: number) {
  return store.db
    .prepare('SELECT c.step, hex(c.payload) AS payload, l.layer, l.value FROM test_captures c JOIN test_capture_layers l ON l.capture_id = c.id WHERE c.run_id = ? ORDER BY c.step, l.layer')
    .all(runId);
}

test('per-run tables and their child tables travel with the experiment, NaN points too; ids are new', async () => {
  const source = open('source.db');
  const target = open('target.db');
  try {
    const experiment = seed(source);
    // The target already has an experiment, so ids cannot simply be kept.
    seed(target);
    const bundle = experimentBundleSchema.parse(JSON.parse(JSON.stringify(source.experiments.exportExperiment(experiment.id))));
    assert.deepEqual(Object.keys(bundle.runs[0].tables), ['test_captures']);
    assert.equal(bundle.runs[0].tables.test_captures[0].children.test_capture_layers.length, 2);

    const imported = await target.experiments.importExperiment(toColumnarBundle(bundle).bundle);
    assert.deepEqual(imported.runIds, [3, 4]);
    experiment.runIds.forEach((sourceId, i) => {
      const targetId = imported.runIds[i];
      assert.deepEqual(captureRows(target, targetId), captureRows(source, sourceId));
      assert.deepEqual(target.runs.getMetrics(targetId), source.runs.getMetrics(sourceId));
      const [a, b] = [source.runs.getRun(sourceId)!, target.runs.getRun(targetId)!];
      assert.deepEqual({ ...b, id: 0, experimentId: 0 }, { ...a, id: 0, experimentId: 0 });
    });
    assert.ok(Number.isNaN(target.runs.getMetrics(imported.runIds[0], { keys: ['train/loss_step'] })[0].points[0].value));

    // Deleting a run removes its rows from every per-run table, children included.
    assert.equal(target.runs.deleteRun(imported.runIds[0]), true);
    assert.deepEqual(captureRows(target, imported.runIds[0]), []);
    assert.equal((target.db.prepare('SELECT count(*) AS n FROM test_capture_layers').get() as { n: number }).n, 12);
    assert.equal(target.runs.deleteRun(imported.runIds[0]), false);
  } finally {
    source.db.close();
    target.db.close();
  }
});

test('a database without a table the file has rows for refuses the file and stays as it was', async () => {
  const source = open('source2.db');
  const older = open('older.db', false);
  try {
    const bundle = experimentBundleSchema.parse(JSON.parse(JSON.stringify(source.experiments.exportExperiment(seed(source).id))));
    await assert.rejects(older.experiments.importExperiment(toColumnarBundle(bundle).bundle), /test_captures rows, but this database has no such table/);
    assert.deepEqual(older.experiments.listExperiments(), []);
    assert.deepEqual(older.runs.listRuns(), []);
  } finally {
    source.db.close();
    older.db.close();
  }
});
