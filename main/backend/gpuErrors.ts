import { takeWebgpuDeviceError } from './webgpuBackend.js';

export type GpuDeviceError = { kind: 'out-of-memory' | 'validation' | 'internal' | 'lost'; message: string };

/** A run stopped by its GPU (out of memory, device lost or an invalid command): the message says why and what to try. */
export class GpuDeviceFailure extends Error {
  constructor(
    readonly kind: GpuDeviceError['kind'],
    message: string,
  ) {
    super(message);
    this.name = 'GpuDeviceFailure';
  }
}

/** The run's failure text for an error the WebGPU device reported, with a hint where there is one. */
export function describeGpuDeviceError(error: GpuDeviceError, batchSize: number): string {
  switch (error.kind) {
    case 'out-of-memory':
      return `The GPU ran out of memory (${error.message}). Try a smaller batch size than ${batchSize}, a smaller model (width), or Device cpu-native.`;
    case 'lost':
      return `The GPU device was lost (${error.message}); the driver may have reset it. Try again, or a smaller batch size than ${batchSize}.`;
    case 'validation':
      return `The GPU refused a command (${error.message}); the model may exceed the adapter's limits. Try a smaller batch size than ${batchSize} or Device cpu-native.`;
    case 'internal':
      return `The GPU reported an internal error (${error.message}). Try a smaller batch size than ${batchSize} or Device cpu-native.`;
  }
}

/** Throws when the WebGPU device reported an error since the last check (no-op on other backends). */
export function throwOnDeviceError(batchSize: number): void {
  const error = takeWebgpuDeviceError();
  if (error) throw new GpuDeviceFailure(error.kind, describeGpuDeviceError(error, batchSize));
}
