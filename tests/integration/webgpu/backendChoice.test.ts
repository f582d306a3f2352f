/**
 * How a run's backend is chosen around WebGPU, with real training processes: a software adapter is
 * recorded but not picked on its own; with no adapter (the Vulkan loader given no driver) a run that
 * asks for webgpu trains on the CPU path and says why; an unknown OPTLAB_BACKEND is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ChildProcessLauncher } from '../../../main/runs/childProcessLauncher.js';
import type { RunConfigInput } from '../../../shared/config/runConfig.js';
import { optlab } from '../../support/optlabCli.js';
import { appServicesForSuite, trainToEnd } from '../../support/tempAppServices.js';

const mlp = (device: string): RunConfigInput =>
  ({
    dataset: { kind: 'fashion-mnist', trainLimit: 128, testLimit: 32 },
    model: { kind: 'mlp', hidden: [16] },
    optimizer: { type: 'sgd', lr: 0.1 },
    training: { epochs: 1, batchSize: 64, device },
  }) as RunConfigInput;

describe('with the machine’s adapter (lavapipe on CI)', { timeout: 300_000 }, () => {
  const services = appServicesForSuite('backend-auto', { concurrency: 1 });

  it('auto records the adapter; a software one trains only when asked for', async () => {
    const run = await trainToEnd(services, mlp('auto'));
    assert.equal(run.status, 'completed', run.error ?? '');
    const backend = run.backend!;
    assert.ok(backend.adapter, 'the adapter found is recorded even when it does not train');
    if (backend.adapter.software) {
      assert.equal(backend.backend, 'cpu+native');
      assert.ok(backend.unavailable.some((line) => /^webgpu: only a software adapter/.test(line)), backend.unavailable.join('\n'));
    } else {
      assert.equal(backend.backend, 'webgpu', 'a hardware adapter comes before the CPU paths');
    }
    assert.equal(backend.requested, undefined);
  });

  it('SWATS (synchronous reads in its step) cannot train on webgpu: it falls back and says why', async () => {
    const run = await trainToEnd(services, { ...mlp('webgpu'), optimizer: { type: 'swats', lr: 1e-3 } } as RunConfigInput);
    assert.equal(run.status, 'completed', run.error ?? '');
    assert.equal(run.backend?.backend, 'cpu+native');
    assert.match(run.backend?.fallbackReason ?? '', /SWATS/);
  });

  it('the status line’s probe says which GPU it found', async () => {
    const info = await services.handlers.getSystemInfo({});
    assert.ok(info.backend.adapter, 'the probe records the adapter');
    assert.ok(info.backend.adapter.limits.maxBufferSize > 0);
  });
});

describe('with no usable adapter', { timeout: 300_000 }, () => {
  // The Vulkan loader finds no driver: Dawn offers no adapter, as on a machine without a GPU or lavapipe.
  const noDriver = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json', VK_DRIVER_FILES: '/nonexistent/icd.json' };
  const services = appServicesForSuite('backend-none', { concurrency: 1, launcher: new ChildProcessLauncher({ env: noDriver }) });

  it('a run that asks for webgpu trains on the CPU path and records why', async () => {
    const run = await trainToEnd(services, mlp('webgpu'));
    assert.equal(run.status, 'completed', run.error ?? '');
    assert.equal(run.backend?.backend, 'cpu+native');
    assert.equal(run.backend?.requested, 'webgpu');
    assert.match(run.backend?.fallbackReason ?? '', /^webgpu: no adapter/);
    assert.equal(run.backend?.adapter, undefined);
  });
});

describe('OPTLAB_BACKEND', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'optlab-backend-env-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('an unknown value is refused with the valid ones, and nothing runs', async () => {
    const config = path.join(dir, 'run.json');
    writeFileSync(config, JSON.stringify(mlp('auto')));
    const previous = process.env.OPTLAB_BACKEND;
    process.env.OPTLAB_BACKEND = 'gpu';
    try {
      const result = await optlab(['--db', path.join(dir, 'optlab.db'), 'run', config, '--quiet']);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /OPTLAB_BACKEND=gpu is not a backend; valid values: auto, webgpu, tensorflow, cpu-native, wasm, cpu/);
      delete process.env.OPTLAB_BACKEND;
      const runs = await optlab(['--db', path.join(dir, 'optlab.db'), 'runs', '--json']);
      assert.deepEqual(JSON.parse(runs.stdout), []);
    } finally {
      if (previous === undefined) delete process.env.OPTLAB_BACKEND;
      else process.env.OPTLAB_BACKEND = previous;
    }
  });
});
