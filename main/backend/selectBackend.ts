import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo } from '../../shared/runs/runTypes.js';
import { backendChoiceFromEnv, type BackendChoice } from '../../shared/training/backendChoice.js';
import { probeWebgpu, useWebgpuBackend, type WebgpuProbe } from './webgpuBackend.js';

// The tfjs backends are CommonJS packages: `require` loads them without the ES-module loader scanning
// their half-megabyte sources for exports first (~60–110 ms of a training process's start).
const require = createRequire(import.meta.url);

export interface BackendNeeds {
  /** The model trains convolutions: the wasm backend has no Conv2D backprop kernels. */
  convolutions: boolean;
  /**
   * The optimizer reads tensor values synchronously inside its step (SWATS's switch test): the
   * webgpu backend cannot read from the GPU synchronously in Node.
   */
  synchronousReads?: boolean;
}

/** Hooks for faster CPU kernels; returns why they are unavailable when they are. */
export type FastCpuKernels = (options?: { threads?: number }) => Promise<{ ok: true; kernels: string[] } | { ok: false; reason: string }>;

export interface SelectBackendOptions {
  needs: BackendNeeds;
  /** What the run asks for; `auto` (the default) takes `OPTLAB_BACKEND`, else the fastest that works. */
  choice?: BackendChoice;
  fastCpu?: FastCpuKernels;
  /** CPU threads of the run (the native kernels use them; default 1). */
  threads?: number;
}

function packageVersion(name: string): string | undefined {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);
}

async function tryNative(name: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node'): Promise<string | null> {
  if (!packageVersion(name)) return `${name} is not installed (it downloads libtensorflow at install time)`;
  try {
    await import(name);
    if (!(await tf.setBackend('tensorflow'))) return `${name} loaded but its backend did not initialise`;
    return null;
  } catch (error) {
    return `${name} failed to load: ${firstLine(error)}`;
  }
}

type Chosen = Omit<BackendInfo, 'unavailable' | 'versions' | 'adapter' | 'requested' | 'fallbackReason'>;
type Attempt = { ok: true; chosen: Chosen } | { ok: false; reasons: string[] };

/**
 * Chooses the backend a run trains on and records why. Automatic order (the SPEC's, fastest first):
 * tfjs-node-gpu (CUDA), webgpu on a hardware adapter, tfjs-node, the cpu backend with the native
 * BLAS kernels, wasm (no conv backprop, no embedding gradient), plain cpu. A named choice (the run's
 * `training.device`, else `OPTLAB_BACKEND`) tries that backend only, a software WebGPU adapter
 * included; when it cannot train, the automatic order picks instead and `fallbackReason` says why.
 * An unknown `OPTLAB_BACKEND` throws with the valid values.
 */
export async function selectBackend(options: SelectBackendOptions): Promise<BackendInfo> {
  const { needs, fastCpu } = options;
  const choice = options.choice !== undefined && options.choice !== 'auto' ? options.choice : backendChoiceFromEnv(process.env.OPTLAB_BACKEND);
  const unavailable: string[] = [];
  const versions: Record<string, string> = { 'tfjs-core': tf.version_core, node: process.versions.node };
  // Production mode: no debug checks, and no console banner suggesting tfjs-node (the status line says why it is missing).
  tf.env().set('PROD', true);
  let webgpu: WebgpuProbe | undefined;
  const probe = async (): Promise<WebgpuProbe> => (webgpu ??= await probeWebgpu());

  type Step = 'tfjs-node-gpu' | 'webgpu' | 'tfjs-node' | 'cpu-native' | 'wasm' | 'cpu';
  const attempt = async (step: Step, explicit: boolean): Promise<Attempt> => {
    switch (step) {
      case 'tfjs-node-gpu':
      case 'tfjs-node': {
        const pkg = `@tensorflow/${step}` as const;
        const why = await tryNative(pkg);
        if (why !== null) return { ok: false, reasons: [why] };
        versions[pkg] = packageVersion(pkg) ?? 'unknown';
        return { ok: true, chosen: { backend: 'tensorflow', device: step === 'tfjs-node-gpu' ? describeGpuDevice() : 'CPU (libtensorflow)' } };
      }
      case 'webgpu': {
        if (needs.synchronousReads) return { ok: false, reasons: ['webgpu: the optimizer (SWATS) reads values synchronously in its step, which WebGPU cannot do in Node'] };
        const found = await probe();
        if (!found.ok) return { ok: false, reasons: [`webgpu: ${found.reason}`] };
        if (found.info.software && !explicit) {
          return { ok: false, reasons: [`webgpu: only a software adapter (${found.info.description || found.info.device}), slower than the CPU path; a run with Device webgpu uses it`] };
        }
        const why = await useWebgpuBackend(found);
        if (why !== null) return { ok: false, reasons: [`webgpu: ${why}`] };
        versions['tfjs-backend-webgpu'] = packageVersion('@tensorflow/tfjs-backend-webgpu') ?? 'unknown';
        versions.webgpu = packageVersion('webgpu') ?? 'unknown';
        const { info } = found;
        return { ok: true, chosen: { backend: 'webgpu', device: `${info.software ? 'software adapter' : 'GPU'} via ${graphicsApiName(info.api)}` } };
      }
      case 'cpu-native': {
        if (!fastCpu) return { ok: false, reasons: ['native CPU kernels are not part of this build'] };
        require('@tensorflow/tfjs-backend-cpu');
        versions['tfjs-backend-cpu'] = packageVersion('@tensorflow/tfjs-backend-cpu') ?? 'unknown';
        const fast = await fastCpu({ threads: options.threads ?? 1 });
        if (!fast.ok) return { ok: false, reasons: [`native CPU kernels: ${fast.reason}`] };
        if (!(await tf.setBackend('cpu'))) return { ok: false, reasons: ['cpu: the backend did not initialise'] };
        versions['native kernels'] = fast.kernels.join(' ');
        return { ok: true, chosen: { backend: 'cpu+native', device: `CPU (native OpenBLAS kernels for ${fast.kernels.length} ops)`, threads: options.threads ?? 1 } };
      }
      case 'wasm': {
        if (needs.convolutions) return { ok: false, reasons: ['wasm: has no Conv2D backprop (nor embedding gradient) kernels, so it cannot train this model'] };
        try {
          require('@tensorflow/tfjs-backend-wasm');
          versions['tfjs-backend-wasm'] = packageVersion('@tensorflow/tfjs-backend-wasm') ?? 'unknown';
          if (await tf.setBackend('wasm')) {
            await tf.ready();
            return { ok: true, chosen: { backend: 'wasm', device: 'CPU (WebAssembly, one thread)' } };
          }
          return { ok: false, reasons: ['wasm: the backend did not initialise'] };
        } catch (error) {
          return { ok: false, reasons: [`wasm: ${firstLine(error)}`] };
        }
      }
      case 'cpu': {
        require('@tensorflow/tfjs-backend-cpu');
        versions['tfjs-backend-cpu'] = packageVersion('@tensorflow/tfjs-backend-cpu') ?? 'unknown';
        await tf.setBackend('cpu');
        await tf.ready();
        return { ok: true, chosen: { backend: 'cpu', device: 'CPU (JavaScript)' } };
      }
    }
  };

  const finish = async (chosen: Chosen, extra: Partial<BackendInfo> = {}): Promise<BackendInfo> => {
    // The adapter is recorded whenever one was found, so the status line can say which GPU is there.
    const found = await probe();
    return { ...chosen, unavailable, versions, ...(found.ok ? { adapter: found.info } : {}), ...extra };
  };

  /** The steps of a choice: `tensorflow` is either libtensorflow package. */
  const stepsOf = (name: Exclude<BackendChoice, 'auto'>): Step[] => (name === 'tensorflow' ? ['tfjs-node-gpu', 'tfjs-node'] : [name]);
  let requested: Partial<BackendInfo> = {};
  if (choice !== 'auto') {
    const reasons: string[] = [];
    for (const step of stepsOf(choice)) {
      const result = await attempt(step, true);
      if (result.ok) return finish(result.chosen, { requested: choice });
      reasons.push(...result.reasons);
    }
    requested = { requested: choice, fallbackReason: reasons.join('; ') };
  }
  const automatic: Step[] = ['tfjs-node-gpu', 'webgpu', 'tfjs-node', 'cpu-native', 'wasm', 'cpu'];
  for (const step of automatic) {
    if (choice !== 'auto' && stepsOf(choice).includes(step)) continue;
    const result = await attempt(step, false);
    if (result.ok) return finish(result.chosen, requested);
    unavailable.push(...result.reasons);
  }
  throw new Error('no TensorFlow.js backend could be started'); // the plain cpu backend always starts
}

/** The API Dawn drives: the one its flags name, else the platform's own. */
function graphicsApiName(api: string | undefined): string {
  const names: Record<string, string> = { vulkan: 'Vulkan', metal: 'Metal', d3d12: 'D3D12', d3d11: 'D3D11', opengles: 'OpenGL ES', opengl: 'OpenGL' };
  if (api) return names[api] ?? api;
  return process.platform === 'darwin' ? 'Metal' : process.platform === 'win32' ? 'D3D12' : 'Vulkan';
}

/** tfjs-node-gpu falls back to the CPU silently when CUDA does not match; say what is known. */
function describeGpuDevice(): string {
  const visible = process.env.CUDA_VISIBLE_DEVICES;
  if (visible === '' || visible === '-1') return 'CPU (CUDA_VISIBLE_DEVICES hides every GPU)';
  return 'GPU (CUDA; libtensorflow 2.9.1 needs CUDA 11.2 + cuDNN 8.1, else it trains on the CPU)';
}
