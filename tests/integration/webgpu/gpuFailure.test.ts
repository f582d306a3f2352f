/**
 * A run the GPU cannot hold fails with the device's reason and a hint, and the app goes on: a batch
 * whose activations exceed the adapter's largest storage binding (128 MiB on lavapipe) makes Dawn
 * refuse the dispatch; the run is `failed` with that text, and the next run trains.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';

describe('a run too large for the GPU', { timeout: 300_000 }, () => {
  const services = appServicesForSuite('gpu-failure', { concurrency: 1 });

  it('fails with the reason and a hint (smaller batch), and the app keeps training', async (t) => {
    const info = await services.handlers.getSystemInfo({});
    const limit = info.backend.adapter?.limits.maxStorageBufferBindingSize;
    if (limit === undefined) return t.skip('no WebGPU adapter here');
    const hidden = 8192;
    const batch = Math.ceil((limit + 1) / (hidden * 4));
    if (batch > 5000) return t.skip(`the adapter binds ${limit} bytes: no batch of the bundled data exceeds it`);
    const run = await trainToEnd(services, {
      dataset: { kind: 'fashion-mnist', trainLimit: batch, testLimit: 16 },
      model: { kind: 'mlp', hidden: [hidden] },
      optimizer: { type: 'sgd', lr: 0.01 },
      training: { epochs: 1, batchSize: batch, device: 'webgpu' },
    } as RunConfigInput);
    assert.equal(run.status, 'failed');
    assert.equal(run.backend?.backend, 'webgpu');
    assert.match(run.error ?? '', /^The GPU refused a command \(.*maximum storage buffer binding size.*\).*Try a smaller batch size than \d+/);

    const next = await trainToEnd(services, {
      dataset: { kind: 'fashion-mnist', trainLimit: 64, testLimit: 16 },
      model: { kind: 'mlp', hidden: [8] },
      optimizer: { type: 'sgd', lr: 0.01 },
      training: { epochs: 1, batchSize: 32, device: 'webgpu' },
    } as RunConfigInput);
    assert.equal(next.status, 'completed', next.error ?? '');
  });
});
