import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../../main/server/startServer.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';

describe('browser-mode HTTP API', () => {
  let dir: string;
  let server: RunningServer;
  let base: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-server-'));
    server = await startServer({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), port: 0 });
    base = new URL(server.url).origin;
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: string, body: unknown, token: string | null = server.token) =>
    fetch(`${base}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('prints a loopback URL that carries the token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses calls without the token or with a wrong one', async () => {
    assert.equal((await call('listRuns', {}, null)).status, 401);
    assert.equal((await call('listRuns', {}, 'not-the-token-at-all-000000000')).status, 401);
    const events = await fetch(`${base}/api/events?token=wrong`);
    assert.equal(events.status, 401);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/call/listRuns`, { method: 'POST', headers: { host: 'evil.example:80', authorization: `Bearer ${server.token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    assert.equal(status, 403);
  });

  it('refuses an invalid run config naming every bad field, and stores nothing', async () => {
    const response = await call('createRun', {
      config: {
        dataset: { kind: 'surface', surface: 'rosenbrock' },
        model: { kind: 'point' },
        optimizer: { type: 'adam', lr: -1, beta1: 1.5 },
        training: { epochs: 0 },
      },
    });
    assert.equal(response.status, 400);
    const { error } = (await response.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
    assert.equal(error.code, 'invalid-input');
    const paths = error.issues.map((i) => i.path);
    assert.ok(paths.includes('config.optimizer.lr'), paths.join(','));
    assert.ok(paths.includes('config.optimizer.beta1'), paths.join(','));
    assert.ok(paths.includes('config.training.epochs'), paths.join(','));
    const runs = (await (await call('listRuns', {})).json()) as { result: RunSummary[] };
    assert.deepEqual(runs.result, []);
  });

  it('refuses malformed JSON and unknown methods with clear errors', async () => {
    const bad = await fetch(`${base}/api/call/listRuns`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{nope' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /not valid JSON/);
    const unknown = await call('dropAllTables', {});
    assert.equal(unknown.status, 404);
  });

  it('creates a run, streams its events and serves its metrics', async () => {
    const events = await fetch(`${base}/api/events?token=${server.token}`);
    assert.equal(events.headers.get('content-type'), 'text/event-stream');
    const seen: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of events.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (const line of buffer.split('\n')) if (line.startsWith('data: ')) seen.push((JSON.parse(line.slice(6)) as { type: string; run?: RunSummary }).run?.status ?? 'metrics');
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        if (seen.includes('completed') || seen.includes('failed')) break;
      }
    })();
    const created = (await (
      await call('createRun', {
        config: {
          dataset: { kind: 'surface', surface: 'abs-ridge' },
          model: { kind: 'point' },
          optimizer: { type: 'sgd', lr: 0.01 },
          training: { epochs: 2, stepsPerEpoch: 20 },
        },
      })
    ).json()) as { result: RunSummary };
    assert.ok(['queued', 'running'].includes(created.result.status), created.result.status);
    await reading;
    assert.ok(seen.includes('running'), seen.join(','));
    assert.ok(seen.includes('metrics'), seen.join(','));
    assert.equal(seen.at(-1), 'completed');
    const metrics = (await (await call('getMetrics', { id: created.result.id, keys: ['train/loss_step'] })).json()) as {
      result: { key: string; points: unknown[] }[];
    };
    assert.equal(metrics.result[0].points.length, 40);
  });
});
