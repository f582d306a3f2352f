import { z } from 'zod';
import type { OptlabApi } from '../../../shared/api/contract.js';
import { xAxes } from '../../../shared/charts/xAxis.js';
import { differingParams, paramsLabel } from '../../../shared/experiments/differenceLabels.js';
import { groupBySetting } from '../../../shared/experiments/groupRuns.js';
import type { ResultsTable } from '../../../shared/experiments/resultsTable.js';
import { seriesFromColumns, unpackSeries } from '../../../shared/metrics/packedSeries.js';
import { finishedStatuses, type MetricSeries, type RunSummary } from '../../../shared/runs/runTypes.js';
import { loadChartSettings, saveChartSettings } from '../ui/charts/chartSettings.js';
import { errorMessage } from '../ui/errorMessage.js';
import { groupLines, runLines, type BandKind, type CompareLine, type XAxis } from './compareSeries.js';
import { preferredMetrics, seriesColumnsFor, seriesRequest } from './compareReads.js';
import { TableLayoutChoice } from './tableLayoutChoice.svelte.js';

const settingsId = 'compare';
const settingsSchema = z
  .object({ xAxis: z.enum(xAxes), smoothing: z.number().min(0).max(0.99), logScale: z.boolean(), grouped: z.boolean(), band: z.enum(['minmax', 'std', 'none']) })
  .strict();
const savedSettings = loadChartSettings(settingsId, settingsSchema, { xAxis: 'step', smoothing: 0, logScale: false, grouped: true, band: 'minmax' });

/**
 * The state of the Compare page: which runs, their downsampled series, how they are drawn (metric,
 * x-axis, smoothing, log scale, runs or groups with bands) and the results table.
 */
export class CompareView {
  runIds = $state<number[]>([]);
  title = $state('Comparison');
  series = $state.raw<Map<number, MetricSeries[]>>(new Map());
  table = $state.raw<ResultsTable | null>(null);
  tableError = $state<string | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);

  metric = $state<string>('');
  /** The window's width in CSS pixels (the chart is never wider), known before the page is laid out. */
  windowWidth = $state(window.innerWidth);
  /** Read columns: at least one per pixel of the chart (see seriesColumnsFor), so no extreme is lost. */
  columns = $derived(seriesColumnsFor(this.windowWidth));
  /** The zoomed step range the series were read for (null: every step). */
  stepRange = $state.raw<{ min: number; max: number } | null>(null);
  // How the chart is drawn, remembered across navigation and restarts (see persistSettings).
  xAxis = $state<XAxis>(savedSettings.xAxis);
  smoothing = $state(savedSettings.smoothing);
  logScale = $state(savedSettings.logScale);
  grouped = $state(savedSettings.grouped);
  band = $state<BandKind>(savedSettings.band);
  /** The results table's layout: a preset (compact by default, the papers' tables) or an edited one. */
  readonly tableLayout = new TableLayoutChoice();

  /** Saves the drawing settings whenever one changes; call from a component's effect. */
  persistSettings(): void {
    saveChartSettings(settingsId, { xAxis: this.xAxis, smoothing: this.smoothing, logScale: this.logScale, grouped: this.grouped, band: this.band });
  }

  readonly #api: OptlabApi;
  readonly #allRuns: () => RunSummary[];

  constructor(api: OptlabApi, allRuns: () => RunSummary[]) {
    this.#api = api;
    this.#allRuns = allRuns;
  }

  runs = $derived.by(() => {
    const byId = new Map(this.#allRuns().map((r) => [r.id, r]));
    return this.runIds.map((id) => byId.get(id)).filter((r): r is RunSummary => r !== undefined);
  });

  /** The display labels of the open experiment's settings ("MAS 0.3/0.7"), by setting index. */
  settingLabels = $state.raw<{ experimentId: number; labels: string[] } | null>(null);

  groups = $derived.by(() => {
    const labels = this.settingLabels;
    return groupBySetting(this.runs).map((group) => {
      const run = group.runs[0];
      const label = labels && run.experimentId === labels.experimentId && run.settingIndex != null ? labels.labels[run.settingIndex] : undefined;
      return label ? { ...group, name: label } : group;
    });
  });

  /** A label per run: its id and what tells its config from the others' (its name when nothing does). */
  runLabels = $derived.by(() => {
    const params = differingParams(this.runs.map((r) => r.config), ['name']);
    const allPaths = params.flatMap((p) => Object.keys(p));
    return this.runs.map((run, i) => `#${run.id} ${paramsLabel(params[i], allPaths) || run.name}`);
  });

  /** Every series name of the runs; only the chosen metric's series are read. */
  metricKeys = $state.raw<string[]>([]);

  /** Whether the chosen metric is recorded per epoch (so the results table can summarise it). */
  isEpochMetric = $derived(this.runs.some((run) => Object.hasOwn(run.lastMetrics, this.metric)));

  lines = $derived.by((): CompareLine[] => {
    const options = { metric: this.metric, xAxis: this.xAxis, smoothing: this.smoothing, band: this.band, maxPoints: 400 };
    return this.grouped ? groupLines(this.groups, this.series, options) : runLines(this.runs, this.series, options, this.runLabels);
  });


  async openExperiment(id: number): Promise<void> {
    try {
      const experiment = await this.#api.getExperiment({ id });
      this.title = experiment.name;
      this.stepRange = null;
      this.settingLabels = { experimentId: experiment.id, labels: experiment.settingLabels };
      this.runIds = experiment.runIds;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  openRuns(ids: number[]): void {
    this.title = `Runs ${ids.join(', ')}`;
    this.stepRange = null;
    this.settingLabels = null;
    this.runIds = ids;
  }

  /** How many of the runs are finished: the series are read again when one more is. */
  finishedCount = $derived(this.runs.filter((r) => finishedStatuses.includes(r.status)).length);
  /** The runs the metric names and series were read for, and how many of them were finished then (null: not known yet). */
  #loadedFor = '';
  #finishedAtLoad: number | null = null;

  /**
   * Reads the metric names and the chosen metric's series for a new set of runs (without waiting for
   * their summaries), and again when one more of them has finished.
   */
  async load(): Promise<void> {
    if (this.runIds.length === 0) return;
    const runsKey = this.runIds.join(',');
    const finished = this.runs.length > 0 ? this.finishedCount : null;
    if (runsKey === this.#loadedFor) {
      const oneMoreFinished = finished !== null && this.#finishedAtLoad !== null && finished > this.#finishedAtLoad;
      if (!oneMoreFinished) {
        // The summaries came after the read: the table can now use them; the series are as they were.
        if (this.#finishedAtLoad === null && finished !== null) {
          this.#finishedAtLoad = finished;
          await this.loadTable();
        }
        return;
      }
    }
    const again = runsKey === this.#loadedFor;
    this.#loadedFor = runsKey;
    this.#finishedAtLoad = finished;
    this.loading = true;
    try {
      // The series are asked for with the metric names, not after them: of the metric shown, or, none
      // chosen yet, of the first preferred metric the runs have (the server picks it). Read again when a
      // run finished.
      this.#readSeries = '';
      const seriesRead = this.loadSeries();
      this.metricKeys = await this.#api.getMetricKeys({ ids: this.runIds });
      await seriesRead;
      // The same choice as the server's, or the first name when no preferred one is there: a metric
      // other than the one read is read by the page's effect on it.
      if (!this.metric || !this.metricKeys.includes(this.metric)) this.metric = preferredMetrics.find((k) => this.metricKeys.includes(k)) ?? this.metricKeys[0] ?? '';
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.loading = false;
    }
    await this.loadTable(again);
  }

  /** The request the series shown (or being read) answer, so one change of view reads them once. */
  #readSeries = '';

  /**
   * Reads the chosen metric's series of every run (downsampled on the main side); a request the series
   * already answer (or are being read for) is not sent again.
   */
  async loadSeries(): Promise<void> {
    if (this.runIds.length === 0 || this.windowWidth === 0) return;
    const [ids, keys, columns, range] = [this.runIds, this.metric ? [this.metric] : [...preferredMetrics], this.columns, this.stepRange];
    const requestFor = (metrics: string[]) => JSON.stringify([ids, { metrics, columns, range }]);
    const requestKey = requestFor(keys);
    if (requestKey === this.#readSeries) return;
    this.#readSeries = requestKey;
    // One call for every run: each series as the lowest and highest point of each pixel column of the chart, packed.
    let batch: Awaited<ReturnType<OptlabApi['getSeriesColumns']>>;
    try {
      batch = await this.#api.getSeriesColumns(seriesRequest(ids, keys, columns, range));
    } catch (error) {
      if (requestKey === this.#readSeries) this.#readSeries = '';
      throw error;
    }
    if (requestKey !== this.#readSeries) return;
    // What was read is the series of the metric the server picked: asking for that metric reads nothing again.
    this.#readSeries = requestFor([batch.key]);
    this.series = new Map(batch.runs.map((b) => [b.runId, [seriesFromColumns(unpackSeries(b.series))]]));
  }

  /** Reads the series again for a zoomed step range (null: all steps); other x-axes zoom what was read. */
  zoomTo(range: { min: number; max: number } | null): void {
    if (range !== null && this.xAxis !== 'step') return;
    if (range === null && this.stepRange === null) return;
    this.stepRange = range === null ? null : { min: Math.floor(range.min), max: Math.ceil(range.max) };
  }

  /** The results table request last sent (as JSON): the page's several reasons to read the table send an equal request once. */
  #tableRead = '';

  /**
   * Reads the results table, once the series are read (not while: the chart comes first), unless the
   * same request was sent last; `again` reads it even then (a run finished).
   */
  async loadTable(again = false): Promise<void> {
    if (this.runIds.length === 0 || this.loading) return;
    const request = { runIds: this.runIds, title: this.title, ...this.tableLayout.request(this.metric, this.isEpochMetric) };
    const requestKey = JSON.stringify(request);
    if (!again && requestKey === this.#tableRead) return;
    this.#tableRead = requestKey;
    try {
      const table = await this.#api.getResultsTable(request);
      if (requestKey !== this.#tableRead) return;
      this.table = table;
      this.tableError = null;
    } catch (error) {
      if (requestKey !== this.#tableRead) return;
      this.table = null;
      this.tableError = errorMessage(error);
    }
  }
}
