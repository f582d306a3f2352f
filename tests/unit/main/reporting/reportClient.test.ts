import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReportClient } from '../../../../main/reporting/reportClient.js';
import { RemoteTrainerHandle } from '../../../../main/reporting/remoteTrainerHandle.js';
import { parseReport, reportBatchSchema } from '../../../../shared/training/reportProtocol.js';
import type { FromTrainerMessage } from '../../../../shared/training/trainerMessages.js';

/** The app's side in memory: a remote handle taking the batches, with a network that loses what it is told to. */
function fakeApp(network: { failNext: number; loseAnswerNext: number }) {
  const handle = new RemoteTrainerHandle({ onCancel: () => {}, onKill: () => {} });
  const received: FromTrainerMessage[] = [];
  handle.onMessage((message) => received.push(message));
  let requests = 0;
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    requests += 1;
    if (network.failNext > 0) {
      network.failNext -= 1;
      throw new TypeError('fetch failed (connection refused)');
    }
    const reply = handle.deliver(reportBatchSchema.parse(parseReport(String(init.body))));
    if (network.loseAnswerNext > 0) {
      network.loseAnswerNext -= 1;
      throw new TypeError('fetch failed (the answer was lost)');
    }
    return new Response(JSON.stringify({ result: reply }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { handle, received, fetchImpl, requests: () => requests };
}

const metrics = (step: number, value = step): FromTrainerMessage => ({ type: 'metrics', points: [{ key: 'train/loss_step', step, epoch: 0, value, time: step }] });

describe('report client', () => {
  it('delivers every message once, in order, across a refused connection and a lost answer', async () => {
    const network = { failNext: 2, loseAnswerNext: 1 };
    const app = fakeApp(network);
    const client = new ReportClient('http://app/api/report/runs/1', 'olr_token', { onCancel: () => {}, onRefused: (reason) => assert.fail(reason) }, { intervalMs: 5, fetch: app.fetchImpl, retryForMs: 60_000 });
    for (let step = 1; step <= 5; step += 1) client.push(metrics(step));
    client.push(metrics(6, Number.NaN));
    client.end(0, null);
    await client.close(20_000);
    assert.deepEqual(
      app.received.map((m) => (m.type === 'metrics' ? m.points[0].step : m.type)),
      [1, 2, 3, 4, 5, 6],
    );
    const last = app.received.at(-1);
    assert.ok(last?.type === 'metrics' && Number.isNaN(last.points[0].value), 'NaN arrives as NaN');
    assert.equal(app.handle.hasEnded, true, 'the end was reported');
    assert.ok(app.requests() >= 4, 'it retried');
  });

  it('stops and says so when the app refuses the token', async () => {
    let refused = '';
    const fetchImpl = (async () => new Response(JSON.stringify({ error: { message: 'Missing, wrong or revoked run token', code: 'unauthorized' } }), { status: 401 })) as typeof fetch;
    const client = new ReportClient('http://app/api/report/runs/1', 'olr_token', { onCancel: () => {}, onRefused: (reason) => (refused = reason) }, { intervalMs: 5, fetch: fetchImpl });
    client.push(metrics(1));
    await client.close(5000);
    assert.match(refused, /revoked run token/);
  });

  it('hears a cancel in the app’s answer', async () => {
    const app = fakeApp({ failNext: 0, loseAnswerNext: 0 });
    let cancelled = 0;
    const client = new ReportClient('http://app/api/report/runs/1', 'olr_token', { onCancel: () => (cancelled += 1), onRefused: () => {} }, { intervalMs: 5, heartbeatMs: 10, fetch: app.fetchImpl });
    app.handle.send({ type: 'cancel' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.stop();
    assert.equal(cancelled, 1);
  });
});
