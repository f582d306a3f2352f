import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createAppServices } from '../../../main/app/createAppServices.js';
import { startServer } from '../../../main/server/startServer.js';
import { openDatabase } from '../../../main/store/openDatabase.js';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import type { MetricSeries, RunSummary } from '../../../shared/runs/runTypes.js';
import { optlab } from '../../support/optlabCli.js';
import { callServer, startServeProcess } from '../../support/serveProcess.js';
import { tempDirForSuite } from '../../support/tempDir.js';

const longSurfaceRun = {
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'adam', lr: 1e-3 },
  training: { epochs: 4, stepsPerEpoch: 1500 },
} as const;

const waitFor = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** A database has one owner: a second server, app or command that would write to it is refused and changes nothing. */
describe('one owner per database', () => {
  const dir = tempDirForSuite('db-owner');

  it('refuses a second server on the same database (another port) while the first trains, naming the first', { timeout: 120_000 }, async () => {
    const dbPath = path.join(dir, 'shared.db');
    const first = startServeProcess(['--db', dbPath, '--data-dir', path.join(dir, 'data'), 'serve', '--port', '0']);
    try {
      const url = await first.url;
      assert.ok(url, first.stderr());
      const run = await callServer<RunSummary>(url, 'createRun', { config: longSurfaceRun });
      await waitFor('the run to train', async () => (await callServer<RunSummary>(url, 'getRun', { id: run.id })).status === 'running');

      // Used to mark the first server's running run interrupted and start its queued ones.
      const second = startServeProcess(['--db', dbPath, '--data-dir', path.join(dir, 'data'), 'serve', '--port', '0']);
      assert.equal(await second.url, null, 'the second server does not serve');
      assert.equal(await second.exited, 1);
      assert.match(second.stderr(), new RegExp(`in use by optlab serve \\(pid ${first.child.pid}, serving http://127\\.0\\.0\\.1:\\d+/`));
      assert.doesNotMatch(second.stderr(), /token=/, 'the token is not printed');

      // A CLI writer is refused too; a reader is not.
      const cliRun = await optlab(['--db', dbPath, 'resume', String(run.id)]);
      assert.equal(cliRun.code, 1);
      assert.match(cliRun.stderr, /in use by optlab serve/);
      const listed = await optlab(['--db', dbPath, 'runs', '--json']);
      assert.equal(listed.code, 0, listed.stderr);
      // `optlab run` is refused too, and can hand its run to the server instead.
      const configFile = path.join(dir, 'short.json');
      writeFileSync(configFile, JSON.stringify({ ...longSurfaceRun, training: { epochs: 1, stepsPerEpoch: 10 } }));
      const refused = await optlab(['--db', dbPath, 'run', '--quiet', configFile]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /in use by optlab serve .* Or pass --to-server/);
      const handed = await optlab(['--db', dbPath, 'run', '--to-server', configFile]);
      assert.equal(handed.code, 0, handed.stderr);
      assert.match(handed.stdout, /run \d+ (queued|running) in optlab serve \(pid \d+\): http:/);
      const handedId = Number(/run (\d+) \w+ in optlab serve/.exec(handed.stdout)?.[1]);
      assert.equal((await callServer<RunSummary>(url, 'getRun', { id: handedId })).config.training.stepsPerEpoch, 10);

      const done = await waitFor('the run to finish', async () => (await callServer<RunSummary>(url, 'getRun', { id: run.id })).status !== 'running').then(() =>
        callServer<RunSummary>(url, 'getRun', { id: run.id }),
      );
      assert.equal(done.status, 'completed', done.error ?? '');
      const [series] = await callServer<MetricSeries[]>(url, 'getMetrics', { id: run.id, keys: ['train/loss_step'], maxPoints: 0 });
      assert.equal(series.points.length, 6000, 'every step of the run is stored');
      await waitFor('the handed run to finish', async () => (await callServer<RunSummary>(url, 'getRun', { id: handedId })).status === 'completed');
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });

  it('refuses a second owner in the same process, and takes the database once the first has closed', async () => {
    const dbPath = path.join(dir, 'in-process.db');
    const first = createAppServices({ dbPath, dataDir: dir, mode: 'browser', recoverInterrupted: true, owner: 'the first' });
    assert.throws(() => createAppServices({ dbPath, dataDir: dir, mode: 'browser', recoverInterrupted: true }), /in use by the first \(pid \d+/);
    await first.close();
    const second = createAppServices({ dbPath, dataDir: dir, mode: 'browser', recoverInterrupted: true });
    await second.close();
  });

  it('a server whose port is taken starts nothing: the queued run stays queued and the database is free', async () => {
    const dbPath = path.join(dir, 'port-taken.db');
    const db = openDatabase(dbPath);
    const queued = new SqliteRunStore(db).createRun({ config: runConfigSchema.parse(longSurfaceRun) });
    db.close();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      // Used to start the queued run (an orphan training process, a run stuck `running`), then exit with EADDRINUSE.
      await assert.rejects(startServer({ dbPath, dataDir: dir, port }), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use`));
      const check = openDatabase(dbPath);
      assert.equal(new SqliteRunStore(check).getRun(queued.id)?.status, 'queued');
      check.close();
    } finally {
      blocker.close();
    }
    const server = await startServer({ dbPath, dataDir: dir, port: 0 });
    await server.close();
  });
});
