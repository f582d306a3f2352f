/**
 * A run's CPU thread count, with real training processes: the config's `training.threads` when set,
 * else the machine's cores divided by the runs the queue trains at once; recorded with the backend
 * and shown in the runs table's backend column (and on the run page, from the same record).
 */
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import { runQuerySchema } from '../../../shared/runs/runQuery.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';

const mlp = (threads?: number): RunConfigInput =>
  ({
    dataset: { kind: 'fashion-mnist', trainLimit: 128, testLimit: 32 },
    model: { kind: 'mlp', hidden: [16] },
    optimizer: { type: 'adam', lr: 1e-3 },
    training: { epochs: 1, batchSize: 64, device: 'cpu-native', ...(threads === undefined ? {} : { threads }) },
  }) as RunConfigInput;

describe('a run’s threads', { timeout: 300_000 }, () => {
  const services = appServicesForSuite('run-threads', { concurrency: 2 });

  it('default: the cores shared by the two runs the queue trains at once; the runs table shows them', async () => {
    const run = await trainToEnd(services, mlp());
    assert.equal(run.status, 'completed', run.error ?? '');
    const expected = Math.max(1, Math.floor(availableParallelism() / 2));
    assert.equal(run.backend?.backend, 'cpu+native');
    assert.equal(run.backend?.threads, expected);
    const page = await services.handlers.queryRuns(runQuerySchema.parse({ filter: { ids: [run.id] } }));
    assert.equal(page.rows[0]?.backend, `cpu+native · ${expected} thread${expected === 1 ? '' : 's'}`);
  });

  it('set in the config: that many', async () => {
    const run = await trainToEnd(services, mlp(3));
    assert.equal(run.status, 'completed', run.error ?? '');
    assert.equal(run.backend?.threads, 3);
  });
});
