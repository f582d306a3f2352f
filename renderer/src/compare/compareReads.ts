import type { ApiInput } from '../../../shared/api/contract.js';
import { metricKeys } from '../../../shared/runs/runTypes.js';
import type { PreloadedCalls } from '../api/preloadedCalls.js';

/** The metrics Compare shows first, by preference: the first of them the runs have. */
export const preferredMetrics = [metricKeys.testAccuracy, metricKeys.testLoss, metricKeys.trainLoss, metricKeys.trainLossStep];

/**
 * How many step columns Compare reads its series at in a window `width` CSS pixels wide: its width
 * rounded up to 100 (the chart is never wider than the window, so each pixel column has its lowest and
 * highest point; small resizes do not read again), 100 to 10,000.
 */
export function seriesColumnsFor(width: number): number {
  return Math.min(10_000, Math.max(100, Math.ceil(width / 100) * 100));
}

/** Compare's read of one metric's series (the first of `keys` the runs have) of every run. */
export function seriesRequest(ids: readonly number[], keys: readonly string[], columns: number, range: { min: number; max: number } | null): ApiInput<'getSeriesColumns'> {
  return { ids: [...ids], keys: [...keys], columns, ...(range ? { fromStep: range.min, toStep: range.max } : {}) };
}

/**
 * Sends the calls Compare makes when it opens these runs (their summaries, metric names and first
 * series) from the app's first script, so they are under way while the page's script loads.
 */
export function preloadCompare(preload: PreloadedCalls['preload'], ids: readonly number[], windowWidth: number): void {
  if (ids.length === 0 || ids.length > 500) return;
  preload('getSeriesColumns', seriesRequest(ids, preferredMetrics, seriesColumnsFor(windowWidth), null));
  preload('getRuns', { ids: [...ids] });
  preload('getMetricKeys', { ids: [...ids] });
}
