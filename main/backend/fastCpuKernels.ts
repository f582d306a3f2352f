import type { FastCpuKernels } from './selectBackend.js';

/** Loads the native BLAS kernels for the cpu backend when they were built, else says why not. */
export const loadFastCpuKernels: FastCpuKernels = async (options = {}) => {
  try {
    const { registerFastCpuKernels } = await import('../fastcpu/registerFastCpuKernels.js');
    return registerFastCpuKernels({ threads: options.threads });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
};
