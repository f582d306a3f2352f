import { z } from 'zod';

/** The WebGPU adapter a run trained on (or the one the app found), as Dawn reports it. */
export const gpuAdapterInfoSchema = z
  .object({
    vendor: z.string(),
    architecture: z.string(),
    description: z.string(),
    /** Dawn's device name (e.g. `llvmpipe-llvm-15-…` on the OpenGL ES route), where it gives one. */
    device: z.string(),
    /** A software rasteriser (lavapipe/llvmpipe, SwiftShader, WARP): `isFallbackAdapter` or its name says so. */
    software: z.boolean(),
    /** Dawn's backend behind WebGPU when known (vulkan, metal, d3d12, opengles). */
    api: z.string().optional(),
    /** The device limits the backend was created with. */
    limits: z.record(z.string(), z.number()),
  })
  .strict();
export type GpuAdapterInfo = z.infer<typeof gpuAdapterInfoSchema>;

/** Where a run trained: the TensorFlow.js backend, the device, and why faster backends were not used. */
export const backendInfoSchema = z
  .object({
    backend: z.string(),
    device: z.string(),
    /** One line per faster backend that is not available, saying why. */
    unavailable: z.array(z.string()),
    versions: z.record(z.string(), z.string()),
    /** The WebGPU adapter found, whether or not it trains (see `backend`). */
    adapter: gpuAdapterInfoSchema.optional(),
    /** What the run (config or OPTLAB_BACKEND) asked for, when it was not `auto`. */
    requested: z.string().optional(),
    /** Why the requested backend is not the one that trains (set only then). */
    fallbackReason: z.string().optional(),
    /** CPU threads the run trained with (cpu + native: OpenBLAS's and the native loops'). */
    threads: z.number().int().min(1).optional(),
  })
  .strict();
export type BackendInfo = z.infer<typeof backendInfoSchema>;

/** `webgpu · llvmpipe (software)`, `cpu+native · 2 threads`: the backend and, on webgpu, the adapter; on the CPU the threads. */
export function backendLabel(info: BackendInfo): string {
  if (info.threads !== undefined && info.backend !== 'webgpu') return `${info.backend} · ${info.threads} thread${info.threads === 1 ? '' : 's'}`;
  if (info.backend !== 'webgpu' || !info.adapter) return info.backend;
  return `webgpu · ${adapterName(info.adapter)}${info.adapter.software ? ' (software)' : ''}`;
}

/** A short name for an adapter: its description's first part, else the device or vendor. */
export function adapterName(adapter: GpuAdapterInfo): string {
  const name = adapter.description.split(':')[0].trim() || adapter.device || adapter.vendor || 'unknown adapter';
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

/** What the status line says about the GPU: which adapter the app found, or why none. */
export function gpuFinding(info: BackendInfo): string {
  if (info.adapter) {
    const used = info.backend === 'webgpu' ? 'trains new runs' : info.adapter.software ? 'used only when a run asks for webgpu' : 'not used';
    return `GPU: ${adapterName(info.adapter)}${info.adapter.software ? ' (software)' : ''}, ${used}`;
  }
  const why = info.unavailable.find((line) => line.startsWith('webgpu:'));
  return why ? `No GPU: ${why.slice('webgpu:'.length).trim()}` : 'No GPU found';
}

/** The label, and when the run asked for another backend, what it asked for and why it did not get it. */
export function backendSummary(info: BackendInfo): string {
  const label = backendLabel(info);
  return info.fallbackReason ? `${label} (asked for ${info.requested}: ${info.fallbackReason})` : label;
}
