import { flattenLeaves } from './configPath.js';

export interface ConfigDiffRow {
  path: string;
  /** The value in each config, in order (undefined where the field is absent). */
  values: unknown[];
}

/** The fields (dotted paths) whose values are not the same in every config, sorted by path. */
export function diffConfigs(configs: readonly unknown[], ignore: readonly string[] = []): ConfigDiffRow[] {
  const leaves = configs.map((c) => flattenLeaves(c));
  const paths = [...new Set(leaves.flatMap((l) => Object.keys(l)))].filter((p) => !ignore.includes(p)).sort();
  return paths
    .map((path) => ({ path, values: leaves.map((l) => l[path]) }))
    .filter((row) => new Set(row.values.map((v) => JSON.stringify(v) ?? 'undefined')).size > 1);
}
