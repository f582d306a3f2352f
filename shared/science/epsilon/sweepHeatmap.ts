/** One run of a sweep as the heatmap sees it: its ε, the other axis's value, its best metric. */
export interface HeatmapRun {
  runId: number;
  eps: number;
  /** The learning rate (α × ε map) or β2 (β2 × ε map). */
  y: number;
  /** Best value of the metric across epochs; null while the run has none. */
  best: number | null;
}

export interface Heatmap {
  epsilons: number[];
  ys: number[];
  /** cells[row of ys][column of epsilons]: the best over runs of that cell (mean when several trials), or null. */
  cells: (number | null)[][];
  runIds: number[][][];
  /** The best cell over the map. */
  bestValue: number | null;
}

/**
 * Arranges runs into the grid of seed 003's Fig. 6/7/10: columns ε ascending, rows y ascending, each
 * cell the mean over its runs of their best metric (each run's best across epochs).
 */
export function buildHeatmap(runs: readonly HeatmapRun[], higherIsBetter: boolean): Heatmap {
  const epsilons = [...new Set(runs.map((r) => r.eps))].sort((a, b) => a - b);
  const ys = [...new Set(runs.map((r) => r.y))].sort((a, b) => a - b);
  const sums = ys.map(() => epsilons.map(() => ({ sum: 0, n: 0 })));
  const runIds = ys.map(() => epsilons.map((): number[] => []));
  for (const run of runs) {
    const row = ys.indexOf(run.y);
    const col = epsilons.indexOf(run.eps);
    runIds[row][col].push(run.runId);
    if (run.best === null || !Number.isFinite(run.best)) continue;
    sums[row][col].sum += run.best;
    sums[row][col].n++;
  }
  const cells = sums.map((row) => row.map((c) => (c.n === 0 ? null : c.sum / c.n)));
  let bestValue: number | null = null;
  for (const row of cells) {
    for (const v of row) {
      if (v === null) continue;
      if (bestValue === null || (higherIsBetter ? v > bestValue : v < bestValue)) bestValue = v;
    }
  }
  return { epsilons, ys, cells, runIds, bestValue };
}

/** The best value of a metric series (max when higher is better, else min); null when empty. */
export function bestOf(values: readonly number[], higherIsBetter: boolean): number | null {
  let best: number | null = null;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (best === null || (higherIsBetter ? v > best : v < best)) best = v;
  }
  return best;
}
