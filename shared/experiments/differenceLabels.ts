import { diffConfigs } from './configDiff.js';

/**
 * What tells configs apart, for labels and table columns of runs that were not set up as one
 * experiment: the fields whose values differ, without those that only follow from another
 * difference (Adam's beta1 where the other run is SGD, which has none: its absence says nothing the
 * optimizer's type does not). Pure.
 */

/** Per config, the fields that tell it from the others, by dotted path (absent fields left out). */
export function differingParams(configs: readonly unknown[], ignore: readonly string[] = []): Record<string, unknown>[] {
  const rows = diffConfigs(configs, ignore).filter((row) => {
    const defined = row.values.filter((v) => v !== undefined);
    const absentSomewhere = defined.length < row.values.length;
    return !(absentSomewhere && new Set(defined.map((v) => JSON.stringify(v))).size <= 1);
  });
  return configs.map((_, i) => Object.fromEntries(rows.filter((row) => row.values[i] !== undefined).map((row) => [row.path, row.values[i]])));
}

const tagFields = new Set(['type', 'kind']);

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A short label of some fields' values: a `type` or `kind` as its value alone ("adam"), other fields
 * as `name=value` by the last part of their path (the whole path where two fields share a last part).
 */
export function paramsLabel(params: Record<string, unknown>, allPaths: readonly string[] = Object.keys(params)): string {
  const lastPart = (path: string) => path.split('.').at(-1) ?? path;
  const counts = new Map<string, number>();
  for (const path of new Set(allPaths)) counts.set(lastPart(path), (counts.get(lastPart(path)) ?? 0) + 1);
  const entries = Object.entries(params).filter(([, value]) => value !== undefined);
  const tags = entries.filter(([path]) => tagFields.has(lastPart(path)));
  const others = entries.filter(([path]) => !tagFields.has(lastPart(path)));
  return [
    ...tags.map(([, value]) => formatValue(value)),
    ...others.map(([path, value]) => `${(counts.get(lastPart(path)) ?? 0) > 1 ? path : lastPart(path)}=${formatValue(value)}`),
  ].join(', ');
}
