import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo } from '../../../shared/runs/runTypes.js';

const require = createRequire(import.meta.url);

export interface BackendNeeds {
  /** The model trains convolutions: the wasm backend has no Conv2D backprop kernels. */
  convolutions: boolean;
}

/** Hooks for faster CPU kernels; returns why they are unavailable when they are. */
export type FastCpuKernels = () => Promise<{ ok: true; kernels: string[] } | { ok: false; reason: string }>;

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

/**
 * Chooses the fastest backend that can train the model, in the SPEC's order: tfjs-node-gpu (CUDA),
 * tfjs-node, the cpu backend with the native BLAS kernels, wasm (no conv backprop), plain cpu.
 * Returns what was chosen and, for every faster backend, why it was not.
 */
export async function selectBackend(needs: BackendNeeds, fastCpu?: FastCpuKernels): Promise<BackendInfo> {
  const unavailable: string[] = [];
  const versions: Record<string, string> = { 'tfjs-core': tf.version_core, node: process.versions.node };
  const forced = process.env.OPTLAB_BACKEND;
  // Production mode: no debug checks, and no console banner suggesting tfjs-node (the status line says why it is missing).
  tf.env().set('PROD', true);

  if (!forced || forced === 'tensorflow') {
    for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const) {
      const why = await tryNative(name);
      if (why === null) {
        versions[name] = packageVersion(name) ?? 'unknown';
        const gpu = name.endsWith('-gpu');
        return { backend: 'tensorflow', device: gpu ? describeGpuDevice() : 'CPU (libtensorflow)', unavailable, versions };
      }
      unavailable.push(why);
    }
  }

  await import('@tensorflow/tfjs-backend-cpu');
  versions['tfjs-backend-cpu'] = packageVersion('@tensorflow/tfjs-backend-cpu') ?? 'unknown';
  if ((!forced || forced === 'cpu-native') && fastCpu) {
    const fast = await fastCpu();
    if (fast.ok) {
      await tf.setBackend('cpu');
      versions['native kernels'] = fast.kernels.join(' ');
      return { backend: 'cpu+native', device: `CPU (native OpenBLAS kernels for ${fast.kernels.length} ops)`, unavailable, versions };
    }
    unavailable.push(`native CPU kernels: ${fast.reason}`);
  } else if (!fastCpu) {
    unavailable.push('native CPU kernels are not part of this build');
  }

  if (!forced || forced === 'wasm') {
    if (needs.convolutions) {
      unavailable.push('wasm: has no Conv2D backprop kernels, so it cannot train convolutions');
    } else {
      try {
        await import('@tensorflow/tfjs-backend-wasm');
        versions['tfjs-backend-wasm'] = packageVersion('@tensorflow/tfjs-backend-wasm') ?? 'unknown';
        if (await tf.setBackend('wasm')) {
          await tf.ready();
          return { backend: 'wasm', device: 'CPU (WebAssembly, one thread)', unavailable, versions };
        }
        unavailable.push('wasm: the backend did not initialise');
      } catch (error) {
        unavailable.push(`wasm: ${firstLine(error)}`);
      }
    }
  }

  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: 'cpu', device: 'CPU (JavaScript)', unavailable, versions };
}

/** tfjs-node-gpu falls back to the CPU silently when CUDA does not match; say what is known. */
function describeGpuDevice(): string {
  const visible = process.env.CUDA_VISIBLE_DEVICES;
  if (visible === '' || visible === '-1') return 'CPU (CUDA_VISIBLE_DEVICES hides every GPU)';
  return 'GPU (CUDA; libtensorflow 2.9.1 needs CUDA 11.2 + cuDNN 8.1, else it trains on the CPU)';
}
