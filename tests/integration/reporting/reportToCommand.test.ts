import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../../main/server/startServer.js';
import type { MetricSeries, RunSummary } from '../../../shared/runs/runTypes.js';
import { optlab } from '../../support/optlabCli.js';

describe('optlab run --report-to: a run started by hand reports to a running app', () => {
  let dir: string;
  let server: RunningServer;
  let origin: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-report-to-'));
    server = await startServer({ dbPath: path.join(dir, 'app.db'), dataDir: path.join(dir, 'data'), port: 0 });
    origin = new URL(server.url).origin;
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const response = await fetch(`${origin}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    return ((await response.json()) as { result: T }).result;
  };

  it('trains on this machine and stores everything in the app, nothing here', async () => {
    const config = path.join(dir, 'run.json');
    writeFileSync(
      config,
      JSON.stringify({
        name: 'by hand',
        dataset: { kind: 'fashion-mnist', trainLimit: 128, testLimit: 64 },
        model: { kind: 'mlp', hidden: [8], activation: 'relu' },
        optimizer: { type: 'adam', lr: 0.01 },
        training: { epochs: 2, batchSize: 64 },
      }),
    );
    const localDb = path.join(dir, 'elsewhere.db');
    const result = await optlab(['--db', localDb, 'run', config, '--report-to', origin, '--token', server.token]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /run \d+ trains here and reports to http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(existsSync(localDb), false, 'no database is made where the run trains');
    const runs = await call<RunSummary[]>('listRuns', {});
    const run = runs.find((r) => r.name === 'by hand');
    assert.ok(run);
    assert.equal(run.status, 'completed');
    assert.ok(run.backend, 'the trainer reported its backend');
    const series = await call<MetricSeries[]>('getMetrics', { id: run.id });
    assert.deepEqual(series.find((s) => s.key === 'train/loss')?.points.map((p) => p.epoch), [1, 2]);
    assert.ok((series.find((s) => s.key === 'test/accuracy')?.points.length ?? 0) === 2);
    assert.ok(await call('getConfusionMatrix', { id: run.id }), 'the confusion matrix arrived too');
  });

  it('is refused with a wrong token and stores nothing', async () => {
    const before = (await call<RunSummary[]>('listRuns', {})).length;
    const config = path.join(dir, 'run.json');
    const result = await optlab(['--db', path.join(dir, 'other.db'), 'run', config, '--report-to', origin, '--token', 'not-the-token-of-this-app-0000']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /refused the run: Missing or wrong token/);
    assert.equal((await call<RunSummary[]>('listRuns', {})).length, before);
  });
});
