import type { ApiEvent, OptlabApi } from '../../../shared/api/contract.js';
import type { EpsilonHeatmapView, EpsilonRunView } from '../../../shared/science/epsilon/epsilonRunView.js';
import type { StoredEpsilonCapture } from '../../../shared/science/epsilon/epsilonCapture.js';
import { defaultBinSpec, edgeExponent, edgeValue, type BinSpec } from '../../../shared/science/epsilon/logBins.js';
import { errorMessage } from '../ui/errorMessage.js';

/**
 * The ε view of one run: its captures (reloaded as the run trains), the ε line the user drags
 * (snapped to bin edges, where the bins give the exact share of adaptive elements), the capture
 * shown, and the sweep heatmap.
 */
export class EpsilonView {
  data = $state.raw<EpsilonRunView | null>(null);
  heatmap = $state.raw<EpsilonHeatmapView | null>(null);
  heatmapAxis = $state<'lr' | 'beta2'>('lr');
  heatmapMetric = $state('test/accuracy');
  /** Cells at this value of the variable not on the map; null: the best over its values. */
  heatmapAt = $state<number | null>(null);
  error = $state<string | null>(null);
  /** Index into the captures of the one the histograms show (-1: the latest). */
  captureIndex = $state(-1);
  /** The ε line, as a bin edge index (exact counts), or null for the run's own ε. */
  epsEdge = $state<number | null>(null);

  readonly #api: OptlabApi;
  readonly #id: number;
  #reloadTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(api: OptlabApi, id: number) {
    this.#api = api;
    this.#id = id;
  }

  get runId(): number {
    return this.#id;
  }

  get spec(): BinSpec {
    return this.data?.captures[0]?.binSpec ?? defaultBinSpec;
  }

  get capture(): StoredEpsilonCapture | null {
    const captures = this.data?.captures ?? [];
    if (captures.length === 0) return null;
    return captures[this.captureIndex < 0 || this.captureIndex >= captures.length ? captures.length - 1 : this.captureIndex];
  }

  /** The ε the line stands at. */
  get eps(): number {
    if (this.epsEdge !== null) return edgeValue(this.spec, this.epsEdge);
    return this.data?.eps ?? 1e-8;
  }

  get epsExponent(): number {
    return this.epsEdge !== null ? edgeExponent(this.spec, this.epsEdge) : Math.log10(this.eps);
  }

  /** Moves the line to the bin edge nearest a log10 value. */
  setEpsExponent(exponent: number): void {
    const spec = this.spec;
    const last = (spec.maxExponent - spec.minExponent) * spec.binsPerDecade;
    const k = Math.round((exponent - spec.minExponent) * spec.binsPerDecade);
    this.epsEdge = Math.min(last, Math.max(0, k));
  }

  /** Loads and follows the run: captures arrive while it trains. */
  start(): () => void {
    const unsubscribe = this.#api.onEvent((event) => this.#onEvent(event));
    void this.load();
    return () => {
      unsubscribe();
      if (this.#reloadTimer) clearTimeout(this.#reloadTimer);
    };
  }

  async load(): Promise<void> {
    try {
      this.data = await this.#api.getEpsilonHistograms({ id: this.#id });
      this.error = null;
      await this.loadHeatmap();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  async loadHeatmap(): Promise<void> {
    try {
      this.heatmap = await this.#api.getEpsilonHeatmap({
        id: this.#id,
        axis: this.heatmapAxis,
        metric: this.heatmapMetric,
        ...(this.heatmapAt === null ? {} : { at: this.heatmapAt }),
      });
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  #onEvent(event: ApiEvent): void {
    if (event.type !== 'run-updated') return;
    const sweepRun = this.heatmap?.runIds.flat(2).includes(event.run.id) ?? false;
    if (event.run.id !== this.#id && !sweepRun) return;
    if (this.#reloadTimer) return;
    this.#reloadTimer = setTimeout(() => {
      this.#reloadTimer = null;
      void this.load();
    }, 1000);
  }
}
