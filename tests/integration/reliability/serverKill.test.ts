import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createAppServices } from '../../../main/app/createAppServices.js';
import { openDatabase } from '../../../main/store/openDatabase.js';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';
import { callServer, startServeProcess } from '../../support/serveProcess.js';
import { tempDirForSuite } from '../../support/tempDir.js';

const surfaceRun = (epochs: number, stepsPerEpoch: number) => ({
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'adam', lr: 1e-3 },
  training: { epochs, stepsPerEpoch },
});

/**
 * SIGKILL of the server (and its training process) in the middle of heavy metric writes: the database
 * passes `PRAGMA integrity_check`, a completed run keeps every point, the killed run's stored steps are
 * whole (every series has each step up to the last batch stored, none missing), and the next start is
 * not stopped by the dead server's lock.
 */
describe('SIGKILL of the server during heavy metric writes', () => {
  const dir = tempDirForSuite('server-kill');

  it('leaves an intact database with no completed run missing a point', { timeout: 120_000 }, async () => {
    const dbPath = path.join(dir, 'killed.db');
    const server = startServeProcess(['--db', dbPath, '--data-dir', path.join(dir, 'data'), 'serve', '--port', '0']);
    let killed = false;
    try {
      const url = await server.url;
      assert.ok(url, server.stderr());
      const done = await callServer<RunSummary>(url, 'createRun', { config: surfaceRun(2, 500) });
      const heavy = await callServer<RunSummary>(url, 'createRun', { config: surfaceRun(50, 4000) });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const run = await callServer<RunSummary>(url, 'getRun', { id: heavy.id });
        if (run.status === 'running' && (run.progress?.step ?? 0) > 4000) break;
        assert.ok(Date.now() < deadline, `the heavy run did not get going: ${run.status} ${run.error ?? ''}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.equal((await callServer<RunSummary>(url, 'getRun', { id: done.id })).status, 'completed');
      process.kill(-server.child.pid!, 'SIGKILL');
      killed = true;
      await server.exited;

      const db = openDatabase(dbPath);
      try {
        assert.deepEqual(db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
        const store = new SqliteRunStore(db);
        const stepKeys = ['train/loss_step', 'surface/x', 'surface/y', 'train/lr'];
        for (const series of store.getMetrics(done.id, { keys: stepKeys, maxPoints: 0 })) {
          assert.equal(series.points.length, 1000, `${series.key} of the completed run`);
        }
        const partial = store.getMetrics(heavy.id, { keys: stepKeys, maxPoints: 0 });
        assert.equal(partial.length, 4);
        const stored = partial[0].points.length;
        assert.ok(stored > 4000, `${stored} steps stored before the kill`);
        for (const series of partial) {
          assert.equal(series.points.length, stored, `${series.key}: the same steps as the others (batches are stored whole)`);
          assert.deepEqual(
            series.points.map((p) => p.step),
            Array.from({ length: stored }, (_, i) => i + 1),
            `${series.key}: steps 1..${stored}, none missing`,
          );
        }
      } finally {
        db.close();
      }
      // The dead server's lock is gone with it: the next owner starts and marks the killed run interrupted.
      const next = createAppServices({ dbPath, dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true });
      try {
        assert.equal((await next.handlers.getRun({ id: heavy.id })).status, 'interrupted');
      } finally {
        await next.close();
      }
    } finally {
      if (!killed) process.kill(-server.child.pid!, 'SIGKILL');
    }
  });
});
