import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeGpuDeviceError } from '../../../../main/backend/gpuErrors.js';
import { isSoftwareAdapter } from '../../../../main/backend/webgpuBackend.js';
import { backendChoiceFromEnv } from '../../../../shared/training/backendChoice.js';
import { backendLabel, backendSummary, gpuFinding, type BackendInfo, type GpuAdapterInfo } from '../../../../shared/training/backendInfo.js';
import { runThreads } from '../../../../shared/training/runThreads.js';

const lavapipe: GpuAdapterInfo = {
  vendor: 'mesa',
  architecture: 'software',
  description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1',
  device: '',
  software: true,
  limits: { maxBufferSize: 4294967295 },
};
const nvidia: GpuAdapterInfo = { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H100 80GB HBM3', device: '', software: false, limits: {} };
const info = (over: Partial<BackendInfo>): BackendInfo => ({ backend: 'cpu+native', device: 'CPU', unavailable: [], versions: {}, ...over });

describe('how the backend and the GPU are described', () => {
  it('webgpu shows its adapter, software ones labelled so; other backends their name', () => {
    assert.equal(backendLabel(info({ backend: 'webgpu', adapter: lavapipe })), 'webgpu · llvmpipe (software)');
    assert.equal(backendLabel(info({ backend: 'webgpu', adapter: nvidia })), 'webgpu · NVIDIA H100 80GB HBM3');
    assert.equal(backendLabel(info({ adapter: lavapipe })), 'cpu+native');
  });

  it('a CPU run shows its thread count (runs table, run page)', () => {
    assert.equal(backendLabel(info({ threads: 2 })), 'cpu+native · 2 threads');
    assert.equal(backendLabel(info({ threads: 1 })), 'cpu+native · 1 thread');
    assert.equal(backendLabel(info({ backend: 'webgpu', adapter: nvidia, threads: 2 })), 'webgpu · NVIDIA H100 80GB HBM3');
  });

  it('a run’s threads: its config’s, else the cores shared by the runs training at once', () => {
    assert.equal(runThreads(3, 16, 4), 3);
    assert.equal(runThreads(undefined, 2, 1), 2);
    assert.equal(runThreads(undefined, 16, 3), 5);
    assert.equal(runThreads(undefined, 2, 4), 1);
    assert.equal(runThreads(undefined, 0, 0), 1);
  });

  it('a fallback says what was asked for and why', () => {
    const fell = info({ requested: 'webgpu', fallbackReason: 'webgpu: no adapter' });
    assert.equal(backendSummary(fell), 'cpu+native (asked for webgpu: webgpu: no adapter)');
    assert.equal(backendSummary(info({})), 'cpu+native');
  });

  it('the status line names the GPU found, or why none', () => {
    assert.equal(gpuFinding(info({ adapter: lavapipe })), 'GPU: llvmpipe (software), used only when a run asks for webgpu');
    assert.equal(gpuFinding(info({ backend: 'webgpu', adapter: nvidia })), 'GPU: NVIDIA H100 80GB HBM3, trains new runs');
    assert.equal(gpuFinding(info({ unavailable: ['native CPU kernels: …', 'webgpu: no adapter (no Vulkan driver)'] })), 'No GPU: no adapter (no Vulkan driver)');
  });

  it('software adapters are told by Dawn’s flag or by name (the OpenGL ES route sets no flag)', () => {
    assert.equal(isSoftwareAdapter({ isFallbackAdapter: true, architecture: '', description: '', device: '' }), true);
    assert.equal(isSoftwareAdapter({ architecture: '', description: 'OpenGL ES 3.2 Mesa 22.3.6', device: 'llvmpipe-llvm-15-0-6-256-bits-' }), true);
    assert.equal(isSoftwareAdapter({ architecture: 'ampere', description: 'NVIDIA GeForce RTX 3090', device: '' }), false);
  });

  it('GPU failures carry the reason and a hint', () => {
    assert.equal(
      describeGpuDeviceError({ kind: 'out-of-memory', message: 'Out of memory' }, 512),
      'The GPU ran out of memory (Out of memory). Try a smaller batch size than 512, a smaller model (width), or Device cpu-native.',
    );
    assert.match(describeGpuDeviceError({ kind: 'lost', message: 'device lost' }, 64), /^The GPU device was lost \(device lost\).*smaller batch size than 64/);
  });

  it('OPTLAB_BACKEND: unset is auto, a known value is taken, an unknown one refused with the list', () => {
    assert.equal(backendChoiceFromEnv(undefined), 'auto');
    assert.equal(backendChoiceFromEnv(' webgpu '), 'webgpu');
    assert.throws(() => backendChoiceFromEnv('cuda'), /OPTLAB_BACKEND=cuda is not a backend; valid values: auto, webgpu, tensorflow, cpu-native, wasm, cpu/);
  });
});
