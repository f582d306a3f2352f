import { ApiError } from '../../shared/api/apiError.js';
import type { ApiHandlers, ApiParsedInput, ApiResults } from '../../shared/api/contract.js';
import type { ExperimentBundle } from '../../shared/experiments/experimentBundle.js';
import type { ExperimentPreview, ExperimentSummary } from '../../shared/experiments/experimentTypes.js';
import { estimateRunsSeconds } from '../../shared/experiments/estimateDuration.js';
import { expandExperiment } from '../../shared/experiments/expandExperiment.js';
import { trialSeeds } from '../../shared/experiments/experimentConfig.js';
import { groupBySetting } from '../../shared/experiments/groupRuns.js';
import { epochValueOf, type EpochSeries, type EpochValueChoice } from '../../shared/experiments/aggregateTrials.js';
import { buildTable, statisticsLayout, type ResultsTable } from '../../shared/experiments/resultsTable.js';
import type { TableLayoutInput } from '../../shared/experiments/tableLayout.js';
import { presetLayout } from '../../shared/experiments/tablePresets.js';
import { metricKeys, type MetricSeries, type RunSummary } from '../../shared/runs/runTypes.js';
import { packSeries } from '../../shared/metrics/packedSeries.js';
import type { RunService } from '../runs/runService.js';
import type { ExperimentStore } from '../store/experimentStore.js';
import { checkBundleInWorker } from './checkBundleInWorker.js';
import type { CheckedBundle } from './bundleCheckMessages.js';
import type { RunStore } from '../store/runStore.js';

export type ExperimentApiHandlers = Pick<
  ApiHandlers,
  | 'previewExperiment'
  | 'createExperiment'
  | 'listExperiments'
  | 'getExperiment'
  | 'getMetricsBatch'
  | 'getSeriesColumns'
  | 'getMetricKeys'
  | 'getResultsTable'
  | 'exportExperiment'
  | 'importExperiment'
  | 'updateExperiment'
  | 'extendExperiment'
  | 'rerunExperiment'
  | 'deleteExperiment'
  | 'updateRunInfo'
  | 'tagRuns'
  | 'deleteRuns'
>;

export interface ExperimentServiceOptions {
  store: RunStore;
  experiments: ExperimentStore;
  runs: RunService;
  /** Training-set sizes by dataset kind, for time estimates. */
  trainCounts: () => Promise<Record<string, number>>;
  appVersion?: string;
  /** Told the ids of runs deleted by a re-run (their checkpoint folders can be removed). */
  onRunsReplaced?: (ids: number[]) => void;
}

/** The metric a results table shows when none is asked for: the first of these the runs have. */
/** How many runs' series `getSeriesColumns` reads before it lets the event loop go. */
const seriesPerTurn = 4;
const preferredTableMetrics = [metricKeys.testAccuracy, metricKeys.testLoss, metricKeys.trainLoss, metricKeys.distanceToMinimum];

/**
 * Experiments as the API sees them: preview (count and estimated time), create (expand, store, queue),
 * list, results tables, export to and import from one file; and run bookkeeping the experiments
 * pages need (batched metric reads, tags and notes, deletion).
 */
export class ExperimentService implements ExperimentApiHandlers {
  private readonly store: RunStore;
  private readonly experiments: ExperimentStore;
  private readonly runs: RunService;

  /** Called with the ids of runs a re-run replaced (their checkpoints can go). */
  private readonly replacedRuns: (ids: number[]) => void;

  constructor(private readonly options: ExperimentServiceOptions) {
    this.replacedRuns = options.onRunsReplaced ?? (() => undefined);
    this.store = options.store;
    this.experiments = options.experiments;
    this.runs = options.runs;
  }

  async previewExperiment(input: ApiParsedInput<'previewExperiment'>): Promise<ExperimentPreview> {
    const expansion = expandExperiment(input.config);
    const history = this.store.listRuns({ statuses: ['completed'] });
    const estimate = estimateRunsSeconds(
      expansion.runs.map((r) => r.config),
      history,
      await this.options.trainCounts(),
      this.runs.queue.concurrency,
    );
    return {
      runCount: expansion.runs.length,
      settingCount: expansion.settings.length,
      runs: expansion.runs.map((r) => ({ name: r.name, settingIndex: r.settingIndex, seed: r.seed })),
      settingLabels: expansion.settings.map((s) => s.label),
      estimatedSeconds: estimate.seconds,
      estimateBasis: estimate.basis,
    };
  }

  async createExperiment(input: ApiParsedInput<'createExperiment'>): Promise<ExperimentSummary> {
    const expansion = expandExperiment(input.config);
    if (input.target) this.runs.clusterTarget().requireProfile(input.target);
    await this.runs.checkNewRuns(expansion.runs.map((r) => r.config));
    const experiment = this.experiments.createExperiment({ name: input.config.name, config: input.config });
    const created = expansion.runs.map((run) =>
      this.store.createRun({ config: run.config, name: run.name, experimentId: experiment.id, settingIndex: run.settingIndex, setting: run.setting, trial: run.trial }),
    );
    for (const run of created) this.runs.announce(run);
    // On a cluster the runs are one job array; here they wait for the queue's slots.
    if (input.target) await this.runs.clusterTarget().submit(created.map((run) => run.id), input.target);
    else for (const run of created) this.runs.queue.enqueue(run.id);
    return this.mustGetExperiment(experiment.id);
  }

  async listExperiments(): Promise<ExperimentSummary[]> {
    return this.experiments.listExperiments();
  }

  async getExperiment(input: ApiParsedInput<'getExperiment'>): Promise<ExperimentSummary> {
    return this.mustGetExperiment(input.id);
  }

  async getMetricsBatch(input: ApiParsedInput<'getMetricsBatch'>): Promise<{ runId: number; series: MetricSeries[] }[]> {
    this.mustHaveRuns(input.ids);
    return input.ids.map((runId) => ({
      runId,
      series: this.store.getMetrics(runId, { keys: input.keys, maxPoints: input.maxPoints, columns: input.columns, fromStep: input.fromStep, toStep: input.toStep }),
    }));
  }

  async getSeriesColumns(input: ApiParsedInput<'getSeriesColumns'>): Promise<ApiResults['getSeriesColumns']> {
    this.mustHaveRuns(input.ids);
    const present = new Set(input.ids.flatMap((id) => this.store.metricKeys(id)));
    const key = input.keys.find((k) => present.has(k)) ?? input.keys[0];
    const query = { columns: input.columns, fromStep: input.fromStep, toStep: input.toStep };
    const runs: ApiResults['getSeriesColumns']['runs'] = [];
    for (const runId of input.ids) {
      // The event loop is let go between runs now and then, so the page's other requests (its scripts among them) are answered meanwhile.
      if (runs.length > 0 && runs.length % seriesPerTurn === 0) await new Promise((resolve) => setImmediate(resolve));
      runs.push({ runId, series: packSeries(this.store.getSeriesColumns(runId, key, query)) });
    }
    return { key, runs };
  }

  /** Each run's final, best or best-epoch value of each metric (as results tables compute final and best). */
  async getRunEpochValues(input: ApiParsedInput<'getRunEpochValues'>): Promise<{ runId: number; values: Record<string, number | null> }[]> {
    this.mustHaveRuns(input.ids);
    const choice: EpochValueChoice = input.of === 'atBestEpoch' ? { of: 'atBestEpoch', by: input.by! } : { of: input.of };
    const keys = [...new Set([...input.metrics, ...(choice.of === 'atBestEpoch' ? [choice.by] : [])])];
    return input.ids.map((runId) => {
      const series = Object.fromEntries(this.store.getMetrics(runId, { keys }).map((s) => [s.key, epochSeries(s)]));
      return { runId, values: Object.fromEntries(input.metrics.map((key) => [key, epochValueOf(series, key, choice)])) };
    });
  }

  async getMetricKeys(input: ApiParsedInput<'getMetricKeys'>): Promise<string[]> {
    this.mustHaveRuns(input.ids);
    return [...new Set(input.ids.flatMap((id) => this.store.metricKeys(id)))].sort();
  }

  async getResultsTable(input: ApiParsedInput<'getResultsTable'>): Promise<ResultsTable> {
    return this.resultsTable(input);
  }

  /** The results table (also used by the CLI). */
  resultsTable(input: ApiParsedInput<'getResultsTable'>): ResultsTable {
    let runs: RunSummary[];
    let title = input.title;
    let settingLabels: string[] = [];
    if (input.experimentId !== undefined) {
      const experiment = this.mustGetExperiment(input.experimentId);
      runs = this.store.listRuns({ experimentId: experiment.id });
      title ??= experiment.name;
      settingLabels = experiment.settingLabels;
    } else {
      runs = this.store.listRuns({ ids: input.runIds });
      const missing = input.runIds!.filter((id) => !runs.some((r) => r.id === id));
      if (missing.length > 0) throw new ApiError(`There is no run ${missing.join(', ')}`, 'not-found');
    }
    runs.sort((a, b) => a.id - b.id);
    const available = new Set(runs.flatMap((r) => Object.keys(r.lastMetrics)));
    const metrics = input.metrics ?? preferredTableMetrics.filter((k) => available.has(k)).slice(0, 1);
    let layout: TableLayoutInput;
    if (input.layout) layout = input.layout;
    else {
      if (metrics.length === 0) throw new ApiError('These runs have no epoch metrics yet: name the metrics to tabulate', 'invalid-input');
      layout = input.of || input.stats ? statisticsLayout({ metrics, of: input.of, stats: input.stats }) : presetLayout(input.preset ?? 'compact', metrics);
    }
    const tabulated = [...new Set(tableLayoutMetrics(layout))];
    const groups = groupBySetting(runs).map((group) => ({
      // An experiment's settings by their display labels ("MAS 0.3/0.7").
      name: settingLabels[group.runs[0].settingIndex ?? -1] ?? group.name,
      params: group.params,
      config: group.runs[0].config,
      trials: group.runs.map((run) => ({
        runId: run.id,
        status: run.status,
        series: Object.fromEntries(this.store.getMetrics(run.id, { keys: tabulated }).map((s) => [s.key, epochValues(s)])),
      })),
    }));
    return buildTable(groups, layout, title ?? 'Results');
  }

  async exportExperiment(input: ApiParsedInput<'exportExperiment'>): Promise<ExperimentBundle> {
    this.mustGetExperiment(input.id);
    return this.experiments.exportExperiment(input.id, this.options.appVersion);
  }

  async importExperiment(input: ApiParsedInput<'importExperiment'>): Promise<ExperimentSummary> {
    const checked = await checkBundleInWorker({ value: input.bundle, envelope: false });
    return this.importChecked({ ...checked, onDuplicate: input.onDuplicate });
  }

  /**
   * Imports an experiment file given as JSON text: the file itself, or (`envelope`) an
   * `importExperiment` request body. The text is parsed and checked in a worker thread.
   */
  async importExperimentJson(json: string, envelope: boolean, onDuplicate?: 'ask' | 'copy'): Promise<ExperimentSummary> {
    const checked = await checkBundleInWorker({ json, envelope });
    return this.importChecked({ ...checked, onDuplicate: onDuplicate ?? checked.onDuplicate });
  }

  /** Stores a checked file; one already imported (same content) is refused with `conflict` unless a copy is asked for. */
  private async importChecked({ bundle, contentHash, onDuplicate }: CheckedBundle): Promise<ExperimentSummary> {
    const earlier = this.experiments.findImportByContentHash(contentHash);
    if (earlier && onDuplicate !== 'copy') {
      throw new ApiError(
        `This file was already imported as experiment ${earlier.id} "${earlier.name}" (${earlier.runIds.length} runs). Import it again as a copy, or cancel.`,
        'conflict',
        [{ path: 'onDuplicate', message: `already imported as experiment ${earlier.id}` }],
      );
    }
    let experiment: ExperimentSummary;
    try {
      experiment = await this.experiments.importExperiment(bundle, { contentHash });
    } catch (error) {
      throw new ApiError(`Invalid experiment file: ${(error as Error).message}`, 'invalid-input');
    }
    this.runs.announceMany();
    return experiment;
  }

  async updateExperiment(input: ApiParsedInput<'updateExperiment'>): Promise<ExperimentSummary> {
    const experiment = this.mustGetExperiment(input.id);
    let config = experiment.config;
    if (input.labels !== undefined) {
      const settingCount = experiment.settingLabels.length;
      const labels: Record<string, string> = { ...(config.labels ?? {}) };
      for (const [index, label] of Object.entries(input.labels)) {
        if (Number(index) >= settingCount) throw new ApiError(`Experiment ${experiment.id} has ${settingCount} settings; there is no setting ${Number(index) + 1}`, 'invalid-input', [{ path: `labels.${index}`, message: 'no such setting' }]);
        if (label === '') delete labels[index];
        else labels[index] = label;
      }
      config = { ...config, labels };
    }
    const updated = this.experiments.updateExperiment(experiment.id, { name: input.name, config: input.name !== undefined ? { ...config, name: input.name } : config });
    this.runs.announceMany();
    return updated;
  }

  /** Adds trials (seeds) to every setting of an experiment and queues them; the stored trials list them. */
  async extendExperiment(input: ApiParsedInput<'extendExperiment'>): Promise<ExperimentSummary> {
    const experiment = this.mustGetExperiment(input.id);
    const current = trialSeeds(experiment.config.trials);
    const seeds = input.seeds ?? Array.from({ length: input.count! }, (_, i) => Math.max(-1, ...current) + 1 + i);
    const repeated = seeds.filter((seed, i) => current.includes(seed) || seeds.indexOf(seed) !== i);
    if (repeated.length > 0) throw new ApiError(`Experiment ${experiment.id} already has seed ${[...new Set(repeated)].join(', ')}`, 'invalid-input', [{ path: 'seeds', message: `seed ${repeated.join(', ')} is already a trial` }]);
    const expansion = expandExperiment({ ...experiment.config, trials: { seeds } });
    await this.runs.checkNewRuns(expansion.runs.map((r) => r.config));
    const created = this.store.inTransaction(() => {
      const runs = expansion.runs.map((run) =>
        this.store.createRun({ config: run.config, name: run.name, experimentId: experiment.id, settingIndex: run.settingIndex, setting: run.setting, trial: current.length + run.trial }),
      );
      this.experiments.updateExperiment(experiment.id, { config: { ...experiment.config, trials: { seeds: [...current, ...seeds] } } });
      return runs;
    });
    for (const run of created) {
      this.runs.announce(run);
      this.runs.queue.enqueue(run.id);
    }
    return this.mustGetExperiment(experiment.id);
  }

  /** Replaces each of the experiment's trials that ended in one of `statuses` by a fresh queued run of the same config, setting and seed. */
  async rerunExperiment(input: ApiParsedInput<'rerunExperiment'>): Promise<ExperimentSummary & { requeued: number }> {
    const experiment = this.mustGetExperiment(input.id);
    const statuses = new Set<string>(input.statuses);
    const ended = this.store.listRuns({ experimentId: experiment.id }).filter((run) => statuses.has(run.status)).sort((a, b) => a.id - b.id);
    if (ended.length === 0) return { ...experiment, requeued: 0 };
    await this.runs.checkNewRuns(ended.map((r) => r.config));
    const created = this.store.inTransaction(() =>
      ended.map((run) => {
        const fresh = this.store.createRun({ config: run.config, name: run.name, experimentId: experiment.id, settingIndex: run.settingIndex ?? undefined, setting: run.setting ?? undefined, trial: run.trial ?? undefined, tags: run.tags, notes: run.notes });
        this.store.deleteRun(run.id);
        return fresh;
      }),
    );
    this.runs.announceMany();
    for (const run of created) {
      this.runs.announce(run);
      this.runs.queue.enqueue(run.id);
    }
    this.replacedRuns(ended.map((r) => r.id));
    return { ...this.mustGetExperiment(experiment.id), requeued: created.length };
  }

  /** Deletes an experiment, and with `withRuns` its runs first (cancelled when queued or training). Returns the runs deleted. */
  async deleteExperiment(input: ApiParsedInput<'deleteExperiment'>): Promise<{ deletedRuns: number[] }> {
    const experiment = this.mustGetExperiment(input.id);
    const deletedRuns = input.withRuns && experiment.runIds.length > 0 ? (await this.deleteRuns({ ids: experiment.runIds })).deleted : [];
    this.experiments.deleteExperiment(experiment.id);
    this.runs.announceMany();
    return { deletedRuns };
  }

  async updateRunInfo(input: ApiParsedInput<'updateRunInfo'>): Promise<RunSummary> {
    this.mustGetRun(input.id);
    const run = this.store.updateRun(input.id, { tags: input.tags, notes: input.notes });
    this.runs.announce(run);
    return run;
  }

  /** Adds and removes tags on the runs matching the filter, in one transaction; one `runs-changed` event tells the lists. */
  async tagRuns(input: ApiParsedInput<'tagRuns'>): Promise<{ updated: number }> {
    const ids = this.store.runIds(input.filter);
    const remove = new Set(input.remove.map((t) => t.trim()));
    let updated = 0;
    this.store.inTransaction(() => {
      for (const id of ids) {
        const run = this.store.getRun(id);
        if (!run) continue;
        const before = run.tags ?? [];
        const after = [...before.filter((t) => !remove.has(t)), ...input.add];
        const changed = this.store.updateRun(id, { tags: after }).tags ?? [];
        if (changed.join('\u0000') !== before.join('\u0000')) updated++;
      }
    });
    if (ids.length > 0) this.runs.announceMany();
    return { updated };
  }

  async deleteRuns(input: ApiParsedInput<'deleteRuns'>): Promise<{ deleted: number[] }> {
    const ids = input.ids ?? this.store.runIds(input.filter ?? {});
    const runs = ids.map((id) => this.mustGetRun(id));
    const active = new Set(this.runs.queue.activeRunIds());
    const elsewhere = runs.filter((r) => r.status === 'running' && !active.has(r.id));
    if (elsewhere.length > 0) {
      throw new ApiError(`Run ${elsewhere.map((r) => r.id).join(', ')} is training in another Optimizer Lab process; cancel it there first`, 'conflict');
    }
    for (const run of runs) {
      if (run.status === 'queued' || active.has(run.id)) {
        this.runs.queue.cancel(run.id);
        await this.runs.waitForRun(run.id);
      }
    }
    const deleted = this.store.inTransaction(() => runs.filter((r) => this.store.deleteRun(r.id)).map((r) => r.id));
    if (deleted.length > 0) this.runs.announceMany();
    return { deleted };
  }

  private mustGetExperiment(id: number): ExperimentSummary {
    const experiment = this.experiments.getExperiment(id);
    if (!experiment) throw new ApiError(`There is no experiment ${id}`, 'not-found');
    return experiment;
  }

  /** Throws for the first id with no run (without reading the runs). */
  private mustHaveRuns(ids: readonly number[]): void {
    const missing = ids.find((id) => !this.store.hasRun(id));
    if (missing !== undefined) throw new ApiError(`There is no run ${missing}`, 'not-found');
  }

  private mustGetRun(id: number): RunSummary {
    const run = this.store.getRun(id);
    if (!run) throw new ApiError(`There is no run ${id}`, 'not-found');
    return run;
  }
}

function tableLayoutMetrics(layout: TableLayoutInput): string[] {
  return layout.columns.flatMap((c) => (c.kind === 'metric' ? [c.metric] : []));
}

/** A series' epoch points (epoch > 0), in order. */
function epochSeries(series: MetricSeries): EpochSeries {
  const points = series.points.filter((p) => p.epoch > 0);
  return { epochs: points.map((p) => p.epoch), values: points.map((p) => p.value) };
}

/** The values of a series' epoch points (epoch > 0), in order. */
function epochValues(series: MetricSeries): readonly number[] {
  return epochSeries(series).values;
}
