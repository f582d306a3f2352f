import type { ApiEvent, OptlabApi } from '../../../shared/api/contract.js';
import type { MetricPoint, RunSummary } from '../../../shared/runs/runTypes.js';
import { downsampleLttb } from '../../../shared/metrics/downsample.js';
import { errorMessage } from '../ui/errorMessage.js';
import type { SeriesPoint } from '../ui/charts/seriesPoint.js';

export type { SeriesPoint };

/** At most this many points per series are loaded; live points are appended after them. */
const maxLoadedPoints = 2000;
/** A series that grows live past this many points is downsampled back to `maxLoadedPoints`. */
const maxLivePoints = 2 * maxLoadedPoints;

/**
 * One run and its metric series: loaded with getRun/getMetrics, then extended by `run-updated` and
 * `metrics` events. Each series is replaced by a longer array when points arrive (never mutated), so
 * a chart sees the change and can append to itself.
 */
export class RunView {
  run = $state.raw<RunSummary | null>(null);
  series = $state.raw<Record<string, SeriesPoint[]>>({});
  error = $state<string | null>(null);
  loading = $state(true);

  readonly #api: OptlabApi;
  readonly #id: number;
  /** Events received while the first load is under way, applied once it is done. */
  #pending: MetricPoint[] | null = [];

  constructor(api: OptlabApi, id: number) {
    this.#api = api;
    this.#id = id;
  }

  /** Loads the run and follows its events; returns the function that stops following. */
  start(): () => void {
    const unsubscribe = this.#api.onEvent((event) => this.#onEvent(event));
    void this.#load();
    return unsubscribe;
  }

  async #load(): Promise<void> {
    try {
      const [run, series] = await Promise.all([
        this.#api.getRun({ id: this.#id }),
        this.#api.getMetrics({ id: this.#id, maxPoints: maxLoadedPoints }),
      ]);
      if (!this.run || this.run.id !== run.id) this.run = run;
      this.series = Object.fromEntries(series.map((s) => [s.key, s.points]));
      const pending = this.#pending ?? [];
      this.#pending = null;
      this.#append(pending);
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.loading = false;
    }
  }

  #onEvent(event: ApiEvent): void {
    if (event.type === 'resync') {
      // Events were dropped: reload, keeping those that arrive meanwhile for after the load.
      this.#pending ??= [];
      void this.#load();
    } else if (event.type === 'run-updated' && event.run.id === this.#id) {
      this.run = event.run;
    } else if (event.type === 'metrics' && event.runId === this.#id) {
      if (this.#pending) this.#pending.push(...event.points);
      else this.#append(event.points);
    }
  }

  /** Appends points after the last recorded step of their series (points already loaded are skipped). */
  #append(points: MetricPoint[]): void {
    if (points.length === 0) return;
    const added = new Map<string, SeriesPoint[]>();
    for (const { key, step, epoch, value, time } of points) {
      const list = added.get(key) ?? [];
      list.push({ step, epoch, value, time });
      added.set(key, list);
    }
    const next = { ...this.series };
    for (const [key, list] of added) {
      const current = next[key] ?? [];
      const lastStep = current.length > 0 ? current[current.length - 1].step : -1;
      const fresh = list.filter((p) => p.step > lastStep);
      if (fresh.length === 0) continue;
      const grown = current.concat(fresh);
      next[key] = grown.length > maxLivePoints ? downsampleLttb(grown, maxLoadedPoints, (p) => p.step, (p) => p.value) : grown;
    }
    this.series = next;
  }
}
