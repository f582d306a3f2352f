import assert from 'node:assert/strict';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createAppServices, type AppServices } from '../../../main/app/createAppServices.js';
import { openDatabase } from '../../../main/store/openDatabase.js';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import { checkpointRootFor, legacyCheckpointRootFor, runCheckpointDir } from '../../../main/checkpoint/checkpointPaths.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { stopAtCheckpoint } from '../checkpoint/stopMidRun.js';
import { tempDirForSuite } from '../../support/tempDir.js';

const config = runConfigSchema.parse({
  dataset: { kind: 'fashion-mnist', trainLimit: 300, testLimit: 100 },
  model: { kind: 'mlp', hidden: [8] },
  optimizer: { type: 'sgd', lr: 0.05 },
  training: { epochs: 3, batchSize: 100, seed: 1 },
});

/** Two databases in one folder keep their checkpoints apart; checkpoints in the old shared folder move to their database's. */
describe('checkpoints per database', () => {
  const dir = tempDirForSuite('checkpoints-per-db');
  const open = (name: string): AppServices => createAppServices({ dbPath: path.join(dir, name), dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true });

  it("a run completing in b.sqlite leaves a.sqlite's checkpoint of its run with the same id", { timeout: 120_000 }, async () => {
    const a = open('a.sqlite');
    let aRun: number;
    try {
      aRun = await stopAtCheckpoint(a, config, 1, () => a.close());
    } finally {
      await a.close();
    }
    const b = open('b.sqlite');
    try {
      const bRun = (await b.handlers.createRun({ config })).id;
      assert.equal(bRun, aRun, 'the same run id in both databases');
      assert.equal((await b.runs.waitForRun(bRun)).status, 'completed');
    } finally {
      await b.close();
    }
    // Used to be one folder, checkpoints/run-1, deleted by b's completed run.
    const reopened = open('a.sqlite');
    try {
      const run = await reopened.handlers.getRun({ id: aRun });
      assert.ok(run.checkpoint && existsSync(run.checkpoint.path), 'a still has its checkpoint');
      assert.ok(run.checkpoint.path.startsWith(checkpointRootFor(path.join(dir, 'a.sqlite'))));
      await reopened.handlers.resumeRun({ id: aRun });
      assert.equal((await reopened.runs.waitForRun(aRun)).status, 'completed');
    } finally {
      await reopened.close();
    }
  });

  it('moves a checkpoint left in the shared legacy folder to its own database at start-up, and only its own', { timeout: 120_000 }, async () => {
    const dbPath = path.join(dir, 'legacy.db');
    const services = open('legacy.db');
    let runId: number;
    try {
      runId = await stopAtCheckpoint(services, config, 1, () => services.close());
    } finally {
      await services.close();
    }
    // Put the checkpoint where the previous version kept it, and the run pointing there.
    const legacyDir = runCheckpointDir(legacyCheckpointRootFor(dbPath), runId);
    mkdirSync(legacyCheckpointRootFor(dbPath), { recursive: true });
    renameSync(runCheckpointDir(checkpointRootFor(dbPath), runId), legacyDir);
    const db = openDatabase(dbPath);
    const store = new SqliteRunStore(db);
    const before = store.getRun(runId)!;
    store.updateRun(runId, { checkpoint: { ...before.checkpoint!, path: path.join(legacyDir, 'checkpoint.json') } });
    // Another database in the folder with a run of the same id but another config: not its checkpoint.
    db.close();
    const otherPath = path.join(dir, 'other.db');
    const otherDb = openDatabase(otherPath);
    const otherStore = new SqliteRunStore(otherDb);
    for (let i = 0; i < runId; i++) otherStore.createRun({ config: { ...config, training: { ...config.training, seed: 99 } } });
    otherStore.updateRun(runId, { status: 'interrupted', checkpoint: { epoch: 1, step: 3, path: path.join(legacyDir, 'checkpoint.json') } });
    otherDb.close();
    await createAppServices({ dbPath: otherPath, dataDir: dir, mode: 'browser', recoverInterrupted: true }).close();
    assert.ok(existsSync(legacyDir), 'a checkpoint written for another config stays');

    const reopened = open('legacy.db');
    try {
      const run = await reopened.handlers.getRun({ id: runId });
      assert.equal(run.checkpoint?.path, path.join(runCheckpointDir(checkpointRootFor(dbPath), runId), 'checkpoint.json'));
      assert.ok(existsSync(run.checkpoint.path));
      assert.ok(!existsSync(legacyDir));
      await reopened.handlers.resumeRun({ id: runId });
      assert.equal((await reopened.runs.waitForRun(runId)).status, 'completed');
    } finally {
      await reopened.close();
    }
  });
});
