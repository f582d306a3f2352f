export { describeBlocks, describeDataset, describeFusionGroup, describeFusionPlan, describeModel, describeOptimizer, describeMixerParts } from '../../../shared/runs/describeRun.js';

/** One row of the configuration tree: a field at its depth, with its value (none for a section). */
export interface ConfigRow {
  /** Dotted path, unique (`optimizer.groups.1.blocks`). */
  path: string;
  /** The field's own name or index. */
  key: string;
  depth: number;
  /** The value as text; null for objects and arrays of objects, whose fields follow as rows. */
  value: string | null;
}

function leafText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(leafText).join(', ')}]`;
  return typeof value === 'string' ? value : String(value);
}

/**
 * The config as a tree of rows in order: sections and arrays of objects open onto their fields one
 * level deeper (a fusion plan's groups, a mixer's parts); arrays of plain values stay one row.
 * `overrides` replace the text of some paths (e.g. the steps per epoch the data decided).
 */
export function configRows(config: unknown, overrides: Record<string, string> = {}): ConfigRow[] {
  const rows: ConfigRow[] = [];
  const isSection = (value: unknown) => value !== null && typeof value === 'object' && (!Array.isArray(value) || value.some((v) => v !== null && typeof v === 'object'));
  const visit = (path: string, key: string, depth: number, value: unknown): void => {
    if (value === undefined) return;
    if (!isSection(value)) {
      rows.push({ path, key, depth, value: overrides[path] ?? leafText(value) });
      return;
    }
    if (path) rows.push({ path, key, depth, value: null });
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
    for (const [childKey, child] of entries) visit(path ? `${path}.${childKey}` : childKey, childKey, path ? depth + 1 : 0, child);
  };
  visit('', '', 0, config);
  return rows;
}
