import * as tf from '@tensorflow/tfjs-core';
import type { GpuAdapterInfo } from '../../shared/training/backendInfo.js';
import { registerWebgpuKernels } from '../webgpu/registerWebgpuKernels.js';
import type { GpuDeviceError } from './gpuErrors.js';

/**
 * The WebGPU backend of TensorFlow.js on Dawn's Node bindings (npm `webgpu`, whose `dawn.node`
 * ships in the package). Dawn takes flags from `OPTLAB_WEBGPU_FLAGS` (comma-separated, e.g.
 * `backend=opengles` for its OpenGL ES route, which also asks for the compatibility feature level).
 *
 * Facts this relies on (tfjs 4.22, webgpu 0.6.2): the backend registers itself at import only when
 * `navigator.gpu` exists, so the globals and `navigator.gpu` are set first; `dataSync` cannot read
 * from the GPU in Node (it goes through OffscreenCanvas), `await t.data()` can; `setBackend` returns
 * false rather than throwing when there is no device.
 */

/** The device limits the backend is created with (the adapter's, as tfjs's own factory asks). */
const requestedLimits = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
] as const;

export type WebgpuProbe = { ok: true; adapter: GPUAdapter; info: GpuAdapterInfo; flags: string[] } | { ok: false; reason: string };

let dawn: { gpu: GPU; flags: string[] } | undefined;

function dawnFlags(): string[] {
  return (process.env.OPTLAB_WEBGPU_FLAGS ?? '')
    .split(',')
    .map((flag) => flag.trim())
    .filter(Boolean);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);
}

/** A software rasteriser, by Dawn's flag or by name (the OpenGL ES route does not set the flag). */
export function isSoftwareAdapter(info: { isFallbackAdapter?: boolean; architecture: string; description: string; device: string }): boolean {
  if (info.isFallbackAdapter === true || info.architecture === 'software') return true;
  return /llvmpipe|lavapipe|softpipe|swiftshader|microsoft basic render|\bwarp\b/i.test(`${info.description} ${info.device}`);
}

/**
 * Loads Dawn once per process and asks it for an adapter; says why when there is none. When
 * `OPTLAB_WEBGPU_UNAVAILABLE` holds a reason (the desktop app sets it when its probe found that Dawn
 * cannot run in a utility process), Dawn is not loaded and that reason is given.
 */
export async function probeWebgpu(): Promise<WebgpuProbe> {
  const unavailable = process.env.OPTLAB_WEBGPU_UNAVAILABLE;
  if (unavailable) return { ok: false, reason: unavailable };
  try {
    if (!dawn) {
      const { create, globals } = await import('webgpu');
      Object.assign(globalThis, globals);
      const flags = dawnFlags();
      dawn = { gpu: create(flags), flags };
    }
  } catch (error) {
    return { ok: false, reason: `Dawn (npm webgpu) did not load: ${firstLine(error)}` };
  }
  const compatibility = dawn.flags.some((flag) => /^backend=opengl/.test(flag));
  let adapter: GPUAdapter | null;
  try {
    adapter = await dawn.gpu.requestAdapter({ powerPreference: 'high-performance', ...(compatibility ? { featureLevel: 'compatibility' } : {}) });
  } catch (error) {
    return { ok: false, reason: `requestAdapter failed: ${firstLine(error)}` };
  }
  if (!adapter) {
    const flags = dawn.flags.length > 0 ? ` with Dawn flags ${dawn.flags.join(',')}` : '';
    return { ok: false, reason: `no adapter${flags} (no Vulkan, Metal or D3D12 driver offered one)` };
  }
  const raw = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean; device?: string };
  const fields = { architecture: raw.architecture ?? '', description: raw.description ?? '', device: raw.device ?? '' };
  const software = isSoftwareAdapter({ ...fields, isFallbackAdapter: raw.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter });
  const limits = Object.fromEntries(requestedLimits.map((name) => [name, Number(adapter.limits[name])]));
  const api = dawn.flags.find((flag) => flag.startsWith('backend='))?.slice('backend='.length);
  const info: GpuAdapterInfo = { vendor: raw.vendor ?? '', ...fields, software, ...(api ? { api } : {}), limits };
  return { ok: true, adapter, info, flags: dawn.flags };
}

/** The last error the device reported outside any error scope (an out-of-memory, a lost device). */
let deviceError: GpuDeviceError | null = null;

/**
 * Makes `webgpu` the tfjs backend on the probed adapter: imports the backend (after `navigator.gpu`
 * is set), registers a factory that creates the device on that adapter, and checks `setBackend`.
 * Returns null when it trains, else why not.
 */
export async function useWebgpuBackend(probe: Extract<WebgpuProbe, { ok: true }>): Promise<string | null> {
  try {
    const current = (globalThis as { navigator?: object }).navigator;
    Object.defineProperty(globalThis, 'navigator', { value: { ...current, gpu: dawn!.gpu }, configurable: true, writable: true });
    const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
    // The backend's own factory asks for an adapter again (and not at the compatibility level); ours uses the probed one.
    tf.removeBackend('webgpu');
    tf.registerBackend('webgpu', async () => {
      const device = await probe.adapter.requestDevice({ requiredLimits: probe.info.limits });
      device.addEventListener('uncapturederror', (event) => {
        const error = (event as GPUUncapturedErrorEvent).error;
        const kind = error instanceof GPUOutOfMemoryError ? 'out-of-memory' : error instanceof GPUValidationError ? 'validation' : 'internal';
        deviceError ??= { kind, message: error.message.split('\n')[0] };
      });
      void device.lost.then((lost) => {
        if (lost.reason !== 'destroyed') deviceError ??= { kind: 'lost', message: lost.message };
      });
      return new WebGPUBackend(device, probe.adapter.info);
    });
    if (!(await tf.setBackend('webgpu'))) return 'the webgpu backend did not initialise on the adapter';
    await tf.ready();
    registerWebgpuKernels();
    return null;
  } catch (error) {
    return `the webgpu backend failed: ${firstLine(error)}`;
  }
}

/** The device's first uncaptured error since the backend started, if any (read after a step). */
export function takeWebgpuDeviceError(): GpuDeviceError | null {
  const error = deviceError;
  deviceError = null;
  return error;
}

/** Trains nothing but reads a computed tensor back from the GPU: what fails where Dawn's buffers are refused (Electron's memory cage). */
export async function checkWebgpuReadback(): Promise<string | null> {
  try {
    const t = tf.tidy(() => tf.square(tf.tensor1d([1, 2, 3])));
    const values = await t.data();
    t.dispose();
    return values[2] === 9 ? null : `a GPU readback gave ${Array.from(values).join(', ')} instead of 1, 4, 9`;
  } catch (error) {
    return `a GPU readback failed: ${firstLine(error)}`;
  }
}
