import type { RunConfig } from '../../../shared/config/runConfig.js';

export { describeDataset, describeModel, describeOptimizer } from '../../../shared/runs/describeRun.js';

/** The config as flat `path: value` rows, for the run page's summary. */
export function configRows(config: RunConfig): { key: string; value: string }[] {
  const rows: { key: string; value: string }[] = [];
  const visit = (prefix: string, value: unknown): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(prefix ? `${prefix}.${key}` : key, inner);
    } else if (value !== undefined) {
      rows.push({ key: prefix, value: Array.isArray(value) ? `[${value.join(', ')}]` : String(value) });
    }
  };
  visit('', config);
  return rows;
}
