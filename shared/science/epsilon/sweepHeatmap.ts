/** One run of a sweep as the heatmap sees it: its ε, the other axis's value, its best metric. */
export interface HeatmapRun {
  runId: number;
  eps: number;
  /** The learning rate (α × ε map) or β2 (β2 × ε map). */
  y: number;
  /**
   * The swept value not on the map: the learning rate on a β2 × ε map, β2 on an α × ε map (null when
   * the run has none). A cell holds runs of several such values; how they combine is the aggregation.
   */
  other?: number | null;
  /** Best value of the metric across epochs; null while the run has none. */
  best: number | null;
}

/**
 * What a cell shows: `best` — for each value of the variable not on the map, the mean over its
 * seeds, then the best of those means (seed 003's "best over learning rates"); `at` — the mean over
 * the seeds of the runs at one value of it only.
 */
export type HeatmapAggregation = { kind: 'best' } | { kind: 'at'; value: number };

export interface Heatmap {
  epsilons: number[];
  ys: number[];
  /** cells[row of ys][column of epsilons], as the aggregation says, or null. */
  cells: (number | null)[][];
  /** Per cell, how many runs with a value its number stands on. */
  counts: number[][];
  runIds: number[][][];
  /** The best cell over the map. */
  bestValue: number | null;
  aggregation: HeatmapAggregation;
  /** The values of the variable not on the map (for choosing one), ascending. */
  others: number[];
}

/**
 * Arranges runs into the grid of seed 003's Fig. 6/7/10: columns ε ascending, rows y ascending, each
 * cell aggregated over its runs' best metric (each run's best across epochs) as `aggregation` says.
 */
export function buildHeatmap(runs: readonly HeatmapRun[], higherIsBetter: boolean, aggregation: HeatmapAggregation = { kind: 'best' }): Heatmap {
  const epsilons = [...new Set(runs.map((r) => r.eps))].sort((a, b) => a - b);
  const ys = [...new Set(runs.map((r) => r.y))].sort((a, b) => a - b);
  const others = [...new Set(runs.map((r) => r.other).filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);
  const runIds = ys.map(() => epsilons.map((): number[] => []));
  /** Per cell, per value of the other variable: the seeds' best values. */
  const byOther = ys.map(() => epsilons.map(() => new Map<number | null, number[]>()));
  for (const run of runs) {
    const row = ys.indexOf(run.y);
    const col = epsilons.indexOf(run.eps);
    runIds[row][col].push(run.runId);
    if (run.best === null || !Number.isFinite(run.best)) continue;
    const other = run.other ?? null;
    if (aggregation.kind === 'at' && other !== aggregation.value) continue;
    const list = byOther[row][col].get(other) ?? [];
    list.push(run.best);
    byOther[row][col].set(other, list);
  }
  const better = (a: number, b: number) => (higherIsBetter ? a > b : a < b);
  const mean = (values: number[]) => values.reduce((x, y) => x + y, 0) / values.length;
  const counts = byOther.map((row) => row.map((cell) => [...cell.values()].reduce((n, list) => n + list.length, 0)));
  const cells = byOther.map((row) =>
    row.map((cell) => {
      let value: number | null = null;
      for (const list of cell.values()) {
        const m = mean(list);
        if (value === null || better(m, value)) value = m;
      }
      return value;
    }),
  );
  let bestValue: number | null = null;
  for (const row of cells) {
    for (const v of row) {
      if (v === null) continue;
      if (bestValue === null || better(v, bestValue)) bestValue = v;
    }
  }
  return { epsilons, ys, cells, counts, runIds, bestValue, aggregation, others };
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
