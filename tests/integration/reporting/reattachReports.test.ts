import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createAppServices, type AppServices } from '../../../main/app/createAppServices.js';
import { ApiError } from '../../../shared/api/apiError.js';

const config = {
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'sgd', lr: 0.001 },
  training: { epochs: 1, stepsPerEpoch: 10 },
};
const metrics = (...steps: number[]) => ({ type: 'metrics', points: steps.map((step) => ({ key: 'train/loss_step', step, epoch: 0, value: step, time: step })) });
const hooks = { onCancel: () => {}, onKill: () => {}, detachable: true };

/** A cluster run's reports across an app restart, at the level of the app's services (the Slurm e2e test does it on a cluster). */
describe('reports of a run whose task goes on while the app restarts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'optlab-reattach-'));
  const open = () => createAppServices({ dbPath: path.join(dir, 'optlab.db'), dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: false, acceptsReports: true });
  let services: AppServices | undefined;
  after(async () => {
    await services?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the token through the restart, refuses for now while no app watches, then continues from the stored position, storing a resent batch once', async () => {
    services = open();
    const run = await services.runs.createReportedRun(config);
    const { token } = services.reports.open(run.id, hooks);
    services.reports.receive(run.id, token, { seq: 0, messages: [{ type: 'started', backend: { backend: 'cpu', device: 'cpu', unavailable: [], versions: {} } }, metrics(1, 2)] });
    assert.equal((await services.handlers.getRun({ id: run.id })).status, 'running');
    await services.close();

    services = open();
    // Before the run is taken back: its token is live, the app asks to send again (503), nothing stored.
    assert.throws(() => services!.reports.receive(run.id, token, { seq: 2, messages: [metrics(3)] }), (error: unknown) => error instanceof ApiError && error.code === 'unavailable');
    const handle = services.reports.reattach(run.id, hooks);
    assert.ok(handle, 'the live token lets the run be taken back');
    assert.equal(handle.receivedCount, 2);
    // The task did not hear the answer to its last batch before the app stopped: it sends it again with the next one.
    const reply = services.reports.receive(run.id, token, { seq: 0, messages: [{ type: 'started', backend: { backend: 'cpu', device: 'cpu', unavailable: [], versions: {} } }, metrics(1, 2), metrics(3)] });
    assert.deepEqual(reply, { received: 3, cancel: false });
    const points = (await services.handlers.getMetrics({ id: run.id, keys: ['train/loss_step'], maxPoints: 1000 }))[0].points;
    assert.deepEqual(points.map((p) => p.step), [1, 2, 3], 'each point once');
    assert.equal((await services.handlers.getRun({ id: run.id })).status, 'running');
    assert.throws(() => services!.reports.receive(run.id, 'olr_not-this-runs-token-00000000', { seq: 3, messages: [] }), /revoked run token/);
  });
});
