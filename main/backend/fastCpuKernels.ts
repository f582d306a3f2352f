import type { FastCpuKernels } from './selectBackend.js';

/** Loads the native BLAS kernels for the cpu backend when they were built, else says why not. */
export const loadFastCpuKernels: FastCpuKernels = async () => {
  try {
    const { registerFastCpuKernels } = await import('../fastcpu/registerFastCpuKernels.js');
    return registerFastCpuKernels();
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
};
