import type { BundleRun, ExperimentBundle } from './experimentBundle.js';

/** A metric series as typed columns (a null value as NaN): what an import inserts, and cheap to hand between threads. */
export interface ColumnarSeries {
  key: string;
  step: Float64Array;
  epoch: Float64Array;
  value: Float64Array;
  time: Float64Array;
}

/** A checked experiment file whose metric series are typed columns. */
export type ColumnarBundle = Omit<ExperimentBundle, 'runs'> & { runs: (Omit<BundleRun, 'metrics'> & { metrics: ColumnarSeries[] })[] };

/** The bundle with each series' columns as Float64Arrays, and the buffers to transfer (not copy) to another thread. */
export function toColumnarBundle(bundle: ExperimentBundle): { bundle: ColumnarBundle; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const column = (values: readonly (number | null)[]) => {
    const out = Float64Array.from(values, (v) => v ?? Number.NaN);
    buffers.push(out.buffer);
    return out;
  };
  const runs = bundle.runs.map((run) => ({
    ...run,
    metrics: run.metrics.map((s) => ({ key: s.key, step: column(s.step), epoch: column(s.epoch), value: column(s.value), time: column(s.time) })),
  }));
  return { bundle: { ...bundle, runs }, buffers };
}

/** How many metric points the bundle holds. */
export function countBundlePoints(bundle: ColumnarBundle): number {
  return bundle.runs.reduce((n, run) => n + run.metrics.reduce((m, s) => m + s.step.length, 0), 0);
}
