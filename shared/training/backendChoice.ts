import { z } from 'zod';

/**
 * Which training backend a run asks for. `auto` takes the fastest that works, in the SPEC's order
 * (tfjs-node-gpu, webgpu on a hardware adapter, tfjs-node, cpu + native kernels, wasm, cpu); any
 * other value asks for that backend (a software WebGPU adapter is used only when asked for), and a
 * run that cannot have it trains on the automatic choice and records why.
 */
export const backendChoices = ['auto', 'webgpu', 'tensorflow', 'cpu-native', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof backendChoices)[number];

export const backendChoiceSchema = z.enum(backendChoices);

/** The choice `OPTLAB_BACKEND` makes (unset or empty: auto); an unknown value is refused with the valid ones. */
export function backendChoiceFromEnv(value: string | undefined): BackendChoice {
  if (value === undefined || value.trim() === '') return 'auto';
  const parsed = backendChoiceSchema.safeParse(value.trim());
  if (parsed.success) return parsed.data;
  throw new Error(`OPTLAB_BACKEND=${value} is not a backend; valid values: ${backendChoices.join(', ')}`);
}
