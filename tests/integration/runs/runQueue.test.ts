import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../../shared/api/apiError.js';
import { InputError } from '../../../shared/errors/inputError.js';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import { interruptedReason } from '../../../main/runs/runService.js';
import { surfaceConfig } from '../../unit/main/store/testDb.js';
import { databasePerTest, FixtureLauncher, hasStarted, openService, waitForRun } from './runHarness.js';

const config = (epochs = 2, stepsPerEpoch = 20) => surfaceConfig({ training: { epochs, stepsPerEpoch, seed: 3, batchSize: 1 } });
const timeout = 60_000;

describe('run queue with real training processes', () => {
  const db = databasePerTest();

  test('a run completes and its progress, backend and metrics are stored', { timeout }, async () => {
    const launcher = new FixtureLauncher(['completingTrainer']);
    const { service, events } = db.openService(launcher);

    const created = await service.createRun({ config: config(2, 20) });
    assert.equal(created.status, 'running');
    const done = await service.waitForRun(created.id);

    assert.equal(done.status, 'completed', done.error ?? '');
    assert.equal(done.error, null);
    assert.ok(done.startedAt && done.finishedAt && done.finishedAt >= done.startedAt);
    assert.deepEqual(done.backend?.backend, 'fixture');
    assert.deepEqual(done.progress, { epoch: 2, totalEpochs: 2, step: 40, totalSteps: 40, etaSeconds: 0 });
    assert.deepEqual(done.lastMetrics, { 'train/loss': 0.5 });

    const series = await service.getMetrics({ id: created.id, maxPoints: 0 });
    assert.deepEqual(
      series.map((s) => [s.key, s.points.length]),
      [
        ['train/loss', 2],
        ['train/loss_step', 40],
      ],
    );
    assert.deepEqual(
      series[1].points.map((p) => p.step),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const downsampled = await service.getMetrics({ id: created.id, keys: ['train/loss_step'], maxPoints: 10 });
    assert.equal(downsampled[0].points.length, 10);

    const metricEvents = events.filter((e) => e.type === 'metrics');
    assert.equal(metricEvents.reduce((n, e) => n + (e.type === 'metrics' ? e.points.length : 0), 0), 42);
    const etas = events.flatMap((e) => (e.type === 'run-updated' && e.run.status === 'running' && e.run.progress ? [e.run.progress.etaSeconds] : []));
    assert.equal(etas[0], null, 'no pace yet at the first progress report');
    assert.ok(
      etas.some((eta) => eta !== null && eta > 0),
      `an ETA once the run has a pace: ${JSON.stringify(etas)}`,
    );
    const statuses = events.flatMap((e) => (e.type === 'run-updated' ? [e.run.status] : []));
    assert.equal(statuses[0], 'queued');
    assert.equal(statuses.at(-1), 'completed');
    assert.equal(launcher.launched, 1);
    await service.queue.whenIdle();
  });

  test('cancelling a queued run only marks it; cancelling a training run stops its process', { timeout }, async () => {
    const launcher = new FixtureLauncher(['hangingTrainer']);
    const { service } = db.openService(launcher);

    const training = await service.createRun({ config: config() });
    const waiting = await service.createRun({ config: config() });
    assert.equal(waiting.status, 'queued');
    await waitForRun(service, training.id, hasStarted);

    const cancelledWaiting = await service.cancelRun({ id: waiting.id });
    assert.equal(cancelledWaiting.status, 'cancelled');
    assert.ok(cancelledWaiting.finishedAt);

    await service.cancelRun({ id: training.id });
    const stopped = await service.waitForRun(training.id);
    assert.equal(stopped.status, 'cancelled');
    await service.queue.whenIdle();
    assert.equal(launcher.launched, 1, 'the cancelled queued run never started');
    assert.equal(launcher.alive, 0);

    // Cancelling a finished run changes nothing.
    assert.deepEqual(await service.cancelRun({ id: training.id }), await service.getRun({ id: training.id }));
    await assert.rejects(service.cancelRun({ id: 999 }), (e: unknown) => e instanceof ApiError && e.code === 'not-found');
  });

  test('a process that ignores cancel is killed after the grace period and the run is cancelled', { timeout }, async () => {
    const launcher = new FixtureLauncher(['stubbornTrainer', 'completingTrainer']);
    const { service } = db.openService(launcher, { cancelGraceMs: 200 });

    const stubborn = await service.createRun({ config: config() });
    const next = await service.createRun({ config: config(1, 5) });
    await waitForRun(service, stubborn.id, hasStarted);
    await service.cancelRun({ id: stubborn.id });
    assert.equal((await service.waitForRun(stubborn.id)).status, 'cancelled');
    assert.equal((await service.waitForRun(next.id)).status, 'completed');
  });

  test('a process killed by SIGKILL fails its run with the reason, and the queue runs the next run', { timeout }, async () => {
    const launcher = new FixtureLauncher(['selfKillingTrainer', 'completingTrainer']);
    const { service } = db.openService(launcher);

    const killed = await service.createRun({ config: config() });
    const next = await service.createRun({ config: config(1, 5) });
    const failed = await service.waitForRun(killed.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /killed by SIGKILL/);
    assert.match(failed.error ?? '', /allocating a very large tensor/, 'the last stderr lines explain the crash');
    assert.equal((await service.getMetrics({ id: killed.id, maxPoints: 0 }))[0].points.length, 1, 'metrics sent before the crash are kept');

    const completed = await service.waitForRun(next.id);
    assert.equal(completed.status, 'completed');
    assert.equal(launcher.launched, 2);
  });

  test('a process that crashes with an exit code fails its run with that code', { timeout }, async () => {
    const opened = db.openService(new FixtureLauncher(['crashingTrainer']));
    const run = await opened.service.createRun({ config: config() });
    const failed = await opened.service.waitForRun(run.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /exited with code 1/);
    assert.match(failed.error ?? '', /kernel not registered/);
  });

  test('a process that exceeds its heap limit fails its run as out of memory', { timeout }, async () => {
    const launcher = new FixtureLauncher(['memoryHungryTrainer', 'completingTrainer'], { maxOldSpaceSizeMb: 64 });
    const opened = db.openService(launcher);
    const hungry = await opened.service.createRun({ config: config() });
    const next = await opened.service.createRun({ config: config(1, 5) });
    const failed = await opened.service.waitForRun(hungry.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /ran out of memory/);
    assert.equal((await opened.service.waitForRun(next.id)).status, 'completed');
  });

  test('a message outside the protocol fails the run and ends its process', { timeout }, async () => {
    const launcher = new FixtureLauncher(['invalidMessageTrainer', 'completingTrainer']);
    const { service } = db.openService(launcher);
    const bad = await service.createRun({ config: config() });
    const next = await service.createRun({ config: config(1, 5) });
    const failed = await service.waitForRun(bad.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /invalid message/);
    assert.match(failed.error ?? '', /epoch/);
    assert.equal((await service.waitForRun(next.id)).status, 'completed');
    await service.queue.whenIdle();
    assert.equal(launcher.alive, 0);
  });

  test('no more runs train at once than the concurrency allows', { timeout }, async () => {
    const launcher = new FixtureLauncher(['hangingTrainer']);
    const { service } = db.openService(launcher, { concurrency: 2 });

    const [a, b, c] = [await service.createRun({ config: config() }), await service.createRun({ config: config() }), await service.createRun({ config: config() })];
    await waitForRun(service, a.id, hasStarted);
    await waitForRun(service, b.id, hasStarted);
    assert.equal((await service.getRun({ id: c.id })).status, 'queued');
    assert.equal(launcher.launched, 2);
    assert.deepEqual(service.queue.queuedRunIds(), [c.id]);

    await service.cancelRun({ id: a.id });
    await waitForRun(service, c.id, hasStarted);
    assert.equal((await service.getRun({ id: a.id })).status, 'cancelled');
    assert.equal(launcher.launched, 3);

    await service.cancelRun({ id: b.id });
    await service.cancelRun({ id: c.id });
    await service.queue.whenIdle();
    assert.equal(launcher.maxAlive, 2);
  });

  test('raising the concurrency starts waiting runs at once', { timeout }, async () => {
    const launcher = new FixtureLauncher(['hangingTrainer']);
    const { service } = db.openService(launcher);
    const first = await service.createRun({ config: config() });
    const second = await service.createRun({ config: config() });
    await waitForRun(service, first.id, hasStarted);
    assert.equal((await service.getRun({ id: second.id })).status, 'queued');
    service.queue.setConcurrency(2);
    await waitForRun(service, second.id, hasStarted);
    assert.equal(launcher.maxAlive, 2);
    assert.throws(() => service.queue.setConcurrency(0), RangeError);
    await service.cancelRun({ id: first.id });
    await service.cancelRun({ id: second.id });
    await service.queue.whenIdle();
  });

  test('a process that stays alive after its final message is ended, and the run keeps its status', { timeout }, async () => {
    const launcher = new FixtureLauncher(['lingeringTrainer', 'completingTrainer']);
    const { service } = db.openService(launcher, { cancelGraceMs: 200 });
    const lingering = await service.createRun({ config: config() });
    const next = await service.createRun({ config: config(1, 5) });
    assert.equal((await service.waitForRun(lingering.id)).status, 'completed');
    assert.equal((await service.waitForRun(next.id)).status, 'completed');
    await service.queue.whenIdle();
    assert.equal(launcher.alive, 0);
    const after = await service.getRun({ id: lingering.id });
    assert.equal(after.status, 'completed');
    assert.equal(after.error, null);
    assert.deepEqual(after.lastMetrics, { 'train/loss': 0.25 });
  });

  test('a run queued again while its ended process is still exiting starts once that process exits', { timeout }, async () => {
    const launcher = new FixtureLauncher(['lingeringTrainer', 'completingTrainer']);
    const { service, store } = db.openService(launcher, { cancelGraceMs: 1500 });
    const run = await service.createRun({ config: config() });
    assert.equal((await service.waitForRun(run.id)).status, 'completed');
    assert.equal(launcher.alive, 1, 'the first process lingers after its final message');
    // What a resume does: the run is queued again while its first process has not exited.
    store.updateRun(run.id, { status: 'queued', finishedAt: null });
    service.queue.enqueue(run.id);
    await service.queue.whenIdle();
    assert.equal(launcher.launched, 2);
    assert.equal((await service.getRun({ id: run.id })).status, 'completed');
  });

  test('with the default concurrency, runs train one after another', { timeout }, async () => {
    const launcher = new FixtureLauncher(['completingTrainer']);
    const { service, events } = db.openService(launcher);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await service.createRun({ config: config(1, 5) })).id);
    await service.queue.whenIdle();

    for (const id of ids) assert.equal((await service.getRun({ id })).status, 'completed');
    assert.equal(launcher.maxAlive, 1);
    // Each run started only after the one before had finished.
    const order = events.flatMap((e) => (e.type === 'run-updated' && (e.run.status === 'running' || e.run.status === 'completed') ? [`${e.run.id}:${e.run.status}`] : []));
    const firstOf = (entry: string) => order.indexOf(entry);
    assert.ok(firstOf(`${ids[0]}:completed`) < firstOf(`${ids[1]}:running`));
    assert.ok(firstOf(`${ids[1]}:completed`) < firstOf(`${ids[2]}:running`));
  });

  test('at start-up, runs left running are interrupted and runs left queued are trained', { timeout }, async () => {
    const before = SqliteRunStore.open(db.dbPath);
    const wasRunning = before.createRun({ config: config() });
    before.updateRun(wasRunning.id, { status: 'running', startedAt: new Date().toISOString() });
    const wasQueued = before.createRun({ config: config(1, 5) });
    before.close();

    const launcher = new FixtureLauncher(['completingTrainer']);
    const opened = db.openService(launcher);
    const interrupted = await opened.service.getRun({ id: wasRunning.id });
    assert.equal(interrupted.status, 'interrupted');
    assert.equal(interrupted.error, interruptedReason);
    assert.ok(interrupted.finishedAt);
    assert.equal((await opened.service.waitForRun(wasQueued.id)).status, 'completed');
    assert.equal(launcher.launched, 1);
  });

  test('a process that does not own the queue can leave runs left queued alone', { timeout }, async () => {
    const before = SqliteRunStore.open(db.dbPath);
    const wasRunning = before.createRun({ config: config() });
    before.updateRun(wasRunning.id, { status: 'running' });
    const wasQueued = before.createRun({ config: config(1, 5) });
    before.close();

    const launcher = new FixtureLauncher(['completingTrainer']);
    const opened = db.openService(launcher, { resumeQueued: false });
    assert.equal((await opened.service.getRun({ id: wasRunning.id })).status, 'interrupted');
    const own = await opened.service.createRun({ config: config(1, 5) });
    assert.equal((await opened.service.waitForRun(own.id)).status, 'completed');
    assert.equal((await opened.service.getRun({ id: wasQueued.id })).status, 'queued');
    assert.equal(launcher.launched, 1);
  });

  test('shutting down interrupts the training runs and keeps the queued ones for next time', { timeout }, async () => {
    const launcher = new FixtureLauncher(['hangingTrainer']);
    const { service, store } = openService(db.dbPath, launcher);
    const training = await service.createRun({ config: config() });
    const waiting = await service.createRun({ config: config() });
    await waitForRun(service, training.id, hasStarted);
    await service.shutdown();
    assert.equal(launcher.alive, 0);
    assert.equal(store.getRun(training.id)!.status, 'interrupted');
    assert.equal(store.getRun(waiting.id)!.status, 'queued');
    store.close();
  });

  test('an invalid config is refused with the fields at fault and nothing is stored', { timeout }, async () => {
    const launcher = new FixtureLauncher(['completingTrainer']);
    const opened = db.openService(launcher);
    const bad = { ...config(), model: { kind: 'mlp', hidden: [8], activation: 'relu' } } as unknown as ReturnType<typeof config>;
    await assert.rejects(
      opened.service.createRun({ config: bad }),
      (e: unknown) => e instanceof InputError && e.issues.some((i) => i.path === 'model.kind'),
    );
    assert.deepEqual(await opened.service.listRuns({}), []);
    assert.equal(launcher.launched, 0);
  });
});
