import { metricKeys, type RunSummary } from '../../../shared/runs/runTypes.js';
import { describeDataset, describeModel, describeOptimizer } from './describeRun.js';

/** Sorting and filtering of the runs table. Pure. */

export const runsSortKeys = ['id', 'name', 'dataset', 'model', 'optimizer', 'status', 'testAccuracy', 'loss', 'createdAt'] as const;
export type RunsSortKey = (typeof runsSortKeys)[number];

export interface RunsOrder {
  key: RunsSortKey;
  descending: boolean;
}

/** The value a run is sorted by; runs without one (no metric yet) go last either way. */
export function sortValue(run: RunSummary, key: RunsSortKey): string | number | null {
  switch (key) {
    case 'id':
      return run.id;
    case 'name':
      return run.name.toLowerCase();
    case 'dataset':
      return describeDataset(run.config.dataset).toLowerCase();
    case 'model':
      return describeModel(run.config.model).toLowerCase();
    case 'optimizer':
      return describeOptimizer(run.config.optimizer).toLowerCase();
    case 'status':
      return run.status;
    case 'testAccuracy':
      return run.lastMetrics[metricKeys.testAccuracy] ?? null;
    case 'loss':
      return run.lastMetrics[metricKeys.testLoss] ?? run.lastMetrics[metricKeys.trainLoss] ?? null;
    case 'createdAt':
      return run.createdAt;
  }
}

/** Keeps the runs whose text (name, dataset, model, optimizer, status) contains every word of `query`. */
export function filterRuns(runs: readonly RunSummary[], query: string): RunSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...runs];
  return runs.filter((run) => {
    const text = [run.id, run.name, describeDataset(run.config.dataset), describeModel(run.config.model), describeOptimizer(run.config.optimizer), run.status]
      .join(' ')
      .toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function sortRuns(runs: readonly RunSummary[], order: RunsOrder): RunSummary[] {
  const direction = order.descending ? -1 : 1;
  return [...runs].sort((a, b) => {
    const va = sortValue(a, order.key);
    const vb = sortValue(b, order.key);
    if (va === null || vb === null) return va === vb ? b.id - a.id : va === null ? 1 : -1;
    if (va < vb) return -direction;
    if (va > vb) return direction;
    return b.id - a.id;
  });
}
