import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { startServer, type RunningServer } from '../../../main/server/startServer.js';
import { rawHttp } from '../../support/rawHttp.js';
import { stringifyReport } from '../../../shared/training/reportProtocol.js';
import type { MetricSeries, RunSummary } from '../../../shared/runs/runTypes.js';

const config = {
  name: 'reported',
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'sgd', lr: 0.001 },
  training: { epochs: 1, stepsPerEpoch: 10 },
};
const point = (step: number, value = 1) => ({ key: 'train/loss_step', step, epoch: 0, value, time: step / 10 });

describe('report endpoint: runs trained elsewhere append to their own run only', () => {
  let dir: string;
  let server: RunningServer;
  let base: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-report-'));
    server = await startServer({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), port: 0 });
    base = new URL(server.url).origin;
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (pathname: string, body: unknown, token?: string) =>
    fetch(`${base}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: stringifyReport(body),
    });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const response = await fetch(`${base}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    return ((await response.json()) as { result: T }).result;
  };
  const register = async () => {
    const response = await post('/api/report/runs', { config }, server.token);
    assert.equal(response.status, 200);
    return ((await response.json()) as { result: { runId: number; token: string } }).result;
  };
  const lossPoints = async (id: number) => (await call<MetricSeries[]>('getMetrics', { id })).find((s) => s.key === 'train/loss_step')?.points ?? [];

  it('registers a run only with the app token', async () => {
    assert.equal((await post('/api/report/runs', { config })).status, 401);
    assert.equal((await post('/api/report/runs', { config }, 'olr_not-the-app-token-0000000000')).status, 401);
    const { runId, token } = await register();
    assert.match(token, /^olr_[\w-]{40,}$/);
    assert.equal((await call<RunSummary>('getRun', { id: runId })).status, 'queued');
  });

  it('refuses a write without the run token, with a wrong one, and with another run’s valid token', async () => {
    const a = await register();
    const b = await register();
    const batch = { seq: 0, messages: [{ type: 'metrics', points: [point(1)] }] };
    const none = await post(`/api/report/runs/${a.runId}`, batch);
    assert.equal(none.status, 401);
    assert.equal((await post(`/api/report/runs/${a.runId}`, batch, `${a.token.slice(0, -2)}xx`)).status, 401);
    const other = await post(`/api/report/runs/${a.runId}`, batch, b.token);
    assert.equal(other.status, 403);
    assert.match(((await other.json()) as { error: { message: string } }).error.message, /another run/);
    // The app token is not a run token either.
    assert.equal((await post(`/api/report/runs/${a.runId}`, batch, server.token)).status, 401);
    assert.deepEqual(await lossPoints(a.runId), [], 'nothing refused was stored');
    const own = await post(`/api/report/runs/${a.runId}`, batch, a.token);
    assert.equal(own.status, 200);
    assert.deepEqual(((await own.json()) as { result: unknown }).result, { received: 1, cancel: false });
    assert.equal((await lossPoints(a.runId)).length, 1);
    assert.deepEqual(await lossPoints(b.runId), []);
  });

  it('stores a batch sent twice once, keeps NaN to end the run diverged, and revokes the token when the run ends', async () => {
    const run = await register();
    const url = `/api/report/runs/${run.runId}`;
    const first = { seq: 0, messages: [{ type: 'progress', epoch: 1, totalEpochs: 1, step: 1, totalSteps: 10 }, { type: 'metrics', points: [point(1), point(2)] }] };
    assert.equal((await post(url, first, run.token)).status, 200);
    assert.equal((await post(url, first, run.token)).status, 200, 'a retried batch is accepted');
    assert.equal((await lossPoints(run.runId)).length, 2, 'and not stored twice');
    const gap = await post(url, { seq: 5, messages: [] }, run.token);
    assert.equal(gap.status, 409);
    const bad = await post(url, { seq: 2, messages: [{ type: 'metrics', points: [point(3, Number.NaN)] }], ended: { code: 0, signal: null } }, run.token);
    assert.equal(bad.status, 200);
    const ended = await call<RunSummary>('getRun', { id: run.runId });
    assert.equal(ended.status, 'diverged');
    assert.match(ended.error ?? '', /train\/loss_step became NaN at step 3/);
    const after = await post(url, { seq: 3, messages: [] }, run.token);
    assert.equal(after.status, 401, 'the token is revoked once the run has ended');
  });

  it('keeps only a SHA-256 of each token', async () => {
    const run = await register();
    const db = new Database(path.join(dir, 'optlab.db'), { readonly: true });
    try {
      const row = db.prepare('SELECT token_hash, revoked_at FROM run_tokens WHERE run_id = ?').get(run.runId) as { token_hash: string; revoked_at: string | null };
      assert.equal(row.token_hash, createHash('sha256').update(run.token).digest('hex'));
      assert.equal(row.revoked_at, null);
      const leaked = db.prepare('SELECT COUNT(*) AS n FROM run_tokens WHERE token_hash = ?').get(run.token) as { n: number };
      assert.equal(leaked.n, 0);
    } finally {
      db.close();
    }
  });

  it('answers other hosts only on the report endpoint', async () => {
    const port = Number(new URL(base).port);
    const api = await rawHttp(port, `POST /api/call/listRuns HTTP/1.1\r\nHost: cluster-login.example\r\nAuthorization: Bearer ${server.token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    assert.equal(api.status, 403);
    const ping = await rawHttp(port, `GET /api/report/ping HTTP/1.1\r\nHost: cluster-login.example\r\nConnection: close\r\n\r\n`);
    assert.equal(ping.status, 200);
  });
});
