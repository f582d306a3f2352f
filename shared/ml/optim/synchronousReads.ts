/**
 * Optimizer types whose step reads tensor values back synchronously (SWATS's switch test reads
 * pᵀp and pᵀg each Adam step), anywhere in a config: a mixer's or a fusion group's member included.
 * Backends that cannot read synchronously (webgpu in Node) cannot train them.
 */
const readsDuringStep = new Set(['swats']);

export function optimizerReadsSynchronously(config: unknown): boolean {
  if (Array.isArray(config)) return config.some(optimizerReadsSynchronously);
  if (typeof config !== 'object' || config === null) return false;
  const record = config as Record<string, unknown>;
  if (typeof record.type === 'string' && readsDuringStep.has(record.type)) return true;
  return Object.values(record).some(optimizerReadsSynchronously);
}
