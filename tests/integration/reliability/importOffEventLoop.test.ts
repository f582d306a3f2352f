import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../../../main/server/startServer.js';
import type { ExperimentBundle } from '../../../shared/experiments/experimentBundle.js';
import { appServicesForSuite } from '../../support/tempAppServices.js';
import { tempDirForSuite } from '../../support/tempDir.js';

/**
 * An import used to be parsed, checked and stored on the server's event loop (a 132 MB file: 1.6 s,
 * 5.9 s and 51 s during which nothing else was answered), in one transaction that held the write lock
 * throughout. Now the file is parsed and checked in a worker thread and stored a chunk per
 * transaction: other requests are answered meanwhile (as points are committed), the new runs appear only once every point is
 * in, and an import that fails part-way leaves the database as it was.
 */
describe('importing a large experiment file through the server', () => {
  const source = appServicesForSuite('import-source');
  const dir = tempDirForSuite('import-off-loop');
  const pointsPerRun = 120_000;
  let server: RunningServer;
  let body: string;

  before(async () => {
    const created = await source.handlers.createExperiment({
      config: {
        name: 'large',
        base: { dataset: { kind: 'surface', surface: 'quadratic-bowl' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.01 }, training: { epochs: 1, stepsPerEpoch: 5 } },
        sweep: { axes: [{ path: 'optimizer.lr', values: [0.01, 0.02] }], linked: [] },
        trials: { count: 1, firstSeed: 0 },
        notes: '',
      },
    });
    await source.runs.queue.whenIdle();
    const bundle: ExperimentBundle = await source.handlers.exportExperiment({ id: created.id });
    for (const run of bundle.runs) {
      const steps = Array.from({ length: pointsPerRun }, (_, i) => i + 1);
      run.metrics = [{ key: 'train/loss_step', step: steps, epoch: steps.map(() => 0), value: steps.map((s) => 1 / s), time: steps.map((s) => s / 1000) }];
    }
    // The tests import the same file more than once: each time as a copy (a plain second import would be a 409).
    body = JSON.stringify({ bundle, onDuplicate: 'copy' });
    server = await startServer({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), port: 0, staticDir: dir });
  });
  after(() => server?.close());

  const call = async (method: string, payload: string): Promise<{ status: number; json: { result?: unknown; error?: { message: string } } }> => {
    const reply = await fetch(new URL(`/api/call/${method}`, server.url), { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: payload });
    return { status: reply.status, json: (await reply.json()) as { result?: unknown; error?: { message: string } } };
  };
  const tableCounts = () => {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      return {
        counts: { experiments: count('experiments'), runs: count('runs'), series: count('metric_series'), metrics: count('metric_points'), buckets: count('metric_buckets'), latest: count('latest_epoch_metrics') },
        integrity: db.pragma('integrity_check', { simple: true }),
      };
    } finally {
      db.close();
    }
  };

  /**
   * Imports the file while asking for the runs list again and again. Returns the import's reply and
   * the lists answered while the import was storing its points: after some of them were committed
   * and before the import's reply (the number of metric rows read from another connection).
   */
  const importWhileListing = async () => {
    const db = new Database(server.dbPath, { readonly: true });
    const storedPoints = () => (db.prepare('SELECT count(*) AS n FROM metric_points').get() as { n: number }).n;
    const before = storedPoints();
    let finished = false;
    const importing = call('importExperiment', body).finally(() => (finished = true));
    const listsWhileStoring: number[] = [];
    try {
      while (!finished) {
        const list = await call('listRuns', '{}');
        assert.equal(list.status, 200);
        if (!finished && storedPoints() > before) listsWhileStoring.push((list.json.result as unknown[]).length);
      }
    } finally {
      db.close();
    }
    return { reply: await importing, listsWhileStoring };
  };

  it('answers other requests while it imports, shows the runs only once every point is in', async () => {
    const { reply, listsWhileStoring } = await importWhileListing();
    assert.equal(reply.status, 200, JSON.stringify(reply.json.error));
    assert.ok(listsWhileStoring.length >= 3, `the runs list was answered ${listsWhileStoring.length} time(s) while the import stored its points`);
    assert.ok(
      listsWhileStoring.every((n) => n === 0),
      `no imported run is listed before the import finished (lists had ${[...new Set(listsWhileStoring)].join(', ')} runs)`,
    );
    const imported = reply.json.result as { runIds: number[] };
    assert.equal(imported.runIds.length, 2);
    const runs = (await call('listRuns', '{}')).json.result as unknown[];
    assert.equal(runs.length, 2);
    const { counts, integrity } = tableCounts();
    assert.equal(integrity, 'ok');
    assert.equal(counts.metrics, 2 * pointsPerRun, 'every point is stored');
  });

  it('leaves the database as it was when the import fails part-way', async () => {
    const before = tableCounts();
    const db = new Database(server.dbPath);
    // A real failure in the middle of the metric inserts of the second run.
    db.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON metric_points WHEN NEW.step = ${pointsPerRun / 2} AND NEW.series_id IN (SELECT id FROM metric_series WHERE run_id = (SELECT max(id) FROM runs)) BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    try {
      const { reply, listsWhileStoring } = await importWhileListing();
      assert.equal(reply.status, 400);
      assert.match(reply.json.error!.message, /disk trouble/);
      assert.ok(listsWhileStoring.every((n) => n === 2), 'the partly imported runs were never listed');
    } finally {
      db.exec('DROP TRIGGER fail_import');
      db.close();
    }
    const afterwards = tableCounts();
    assert.equal(afterwards.integrity, 'ok');
    assert.deepEqual(afterwards.counts, before.counts, 'nothing of the failed import is left');
    assert.equal(((await call('listExperiments', '{}')).json.result as unknown[]).length, 1);
  });

  it('deletes at start-up an import that a stopped server left unfinished', async () => {
    const before = tableCounts();
    await server.close();
    // What a server killed in the middle of an import leaves: a hidden experiment, a hidden run and some of its points.
    const db = new Database(path.join(dir, 'optlab.db'));
    const experimentId = Number(db.prepare(`INSERT INTO experiments (name, config, notes, created_at, import_pending) VALUES ('half', '{}', '', '2026-01-01', 1)`).run().lastInsertRowid);
    const runId = Number(
      db.prepare(`INSERT INTO runs (name, status, config, seed, created_at, experiment_id, tags, notes, import_pending) VALUES ('half', 'completed', '{}', 0, '2026-01-01', ?, '[]', '', 1)`).run(experimentId).lastInsertRowid,
    );
    const seriesId = db.prepare(`INSERT INTO metric_series (run_id, key) VALUES (?, 'train/loss_step')`).run(runId).lastInsertRowid;
    db.prepare(`INSERT INTO metric_points (series_id, step, seq, epoch, value, time) VALUES (?, 1, 0, 0, 0.5, 0)`).run(seriesId);
    db.close();
    server = await startServer({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), port: 0, staticDir: dir });
    const afterwards = tableCounts();
    assert.equal(afterwards.integrity, 'ok');
    assert.deepEqual(afterwards.counts, before.counts, 'the unfinished import is gone');
  });
});
