import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAppServices, type AppServices } from '../../../main/app/createAppServices.js';
import { reportPortOf, startReportListener, type ReportListener } from '../../../main/server/reportListener.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { stringifyReport } from '../../../shared/training/reportProtocol.js';

const config = {
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'sgd', lr: 0.001 },
  training: { epochs: 1, stepsPerEpoch: 10 },
};

/** The desktop app's report listener, started on its services as main/electron-main/main.ts does (Electron cannot run here). */
describe('the desktop app report listener: the report endpoint of browser mode, and nothing else', () => {
  let dir: string;
  let services: AppServices;
  let listener: ReportListener;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-report-listener-'));
    services = createAppServices({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), mode: 'electron', recoverInterrupted: false, acceptsReports: true, owner: 'the desktop app' });
    listener = await startReportListener({ services, port: 0 });
    services.recover();
  });
  after(async () => {
    await listener?.close();
    await services?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (pathname: string, body: unknown, token?: string) =>
    fetch(`${listener.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: stringifyReport(body) });

  it('answers the ping, takes a registered run’s reports with its token only, and serves no API', async () => {
    assert.match(listener.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const ping = await fetch(`${listener.url}/api/report/ping`);
    assert.deepEqual([ping.status, await ping.json()], [200, { result: { app: 'optlab' } }]);
    // The API goes over IPC in the desktop app: not here, even with the listener's token.
    const api = await post('/api/call/listRuns', {}, listener.token);
    assert.equal(api.status, 404);
    assert.equal((await fetch(`${listener.url}/`)).status, 404);

    const registered = await post('/api/report/runs', { config }, listener.token);
    assert.equal(registered.status, 200);
    const { runId, token } = ((await registered.json()) as { result: { runId: number; token: string } }).result;
    const batch = { seq: 0, messages: [{ type: 'metrics', points: [{ key: 'train/loss_step', step: 1, epoch: 0, value: 2.5, time: 0.1 }] }] };
    assert.equal((await post(`/api/report/runs/${runId}`, batch)).status, 401);
    assert.equal((await post(`/api/report/runs/${runId}`, batch, token)).status, 200);
    const series = await services.handlers.getMetrics({ id: runId, keys: ['train/loss_step'], maxPoints: 1000 });
    assert.deepEqual(series[0].points.map((p) => p.value), [2.5]);
  });

  it('says when its port is in use, and the app then refuses cluster targets with that reason', async () => {
    const port = Number(new URL(listener.url).port);
    const error = await startReportListener({ services, port }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    assert.match(error?.message ?? '', new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use .*OPTLAB_REPORT_PORT`));
    await assert.rejects(startReportListener({ services, host: '0.0.0.0', port: 0 }), /loopback address .* unless it serves TLS/);
    services.refuseReports(`this app could not listen for reports (${error!.message})`);
    await assert.rejects(
      services.handlers.createRun({ config: runConfigSchema.parse(config), target: { kind: 'slurm', profile: 'any' } }),
      /report to the app over HTTP: this app could not listen for reports \(Port \d+/,
    );
  });

  it('reads OPTLAB_REPORT_PORT: 8765 by default, refusing what is not a port', () => {
    assert.equal(reportPortOf(undefined), 8765);
    assert.equal(reportPortOf(' 9000 '), 9000);
    assert.equal(reportPortOf('0'), 0);
    assert.throws(() => reportPortOf('80a'), /OPTLAB_REPORT_PORT=80a is not a port/);
    assert.throws(() => reportPortOf('70000'), /not a port/);
  });
});
