import type { RunConfig } from '../../shared/config/runConfig.js';
import type { RunFacets, RunGroupSummary, RunPage, RunQuery, RunQueryFilter, RunSort } from '../../shared/runs/runQuery.js';
import type { BackendInfo, MetricPoint, MetricSeries, RunCheckpoint, RunProgress, RunStatus, RunSummary } from '../../shared/runs/runTypes.js';
import type { SeriesColumns } from '../../shared/metrics/packedSeries.js';

/** What a new run is made of; it starts `queued`. */
export interface NewRun {
  config: RunConfig;
  /** Display name; derived from the config when omitted. */
  name?: string;
  /** For a run of an experiment: the experiment, the setting (sweep point) and the trial. */
  experimentId?: number;
  settingIndex?: number;
  setting?: Record<string, unknown>;
  trial?: number;
  tags?: readonly string[];
  notes?: string;
}

/** Fields of a run that change while it lives; omitted fields stay as they are. */
export interface RunUpdate {
  status?: RunStatus;
  progress?: RunProgress | null;
  backend?: BackendInfo | null;
  error?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  tags?: readonly string[];
  notes?: string;
  checkpoint?: RunCheckpoint | null;
}

export interface RunFilter {
  statuses?: readonly RunStatus[];
  experimentId?: number;
  ids?: readonly number[];
}

export interface MetricQuery {
  /** The series to read; all of the run's series when omitted. */
  keys?: readonly string[];
  /** Downsample each series to at most this many points (0 or omitted = all). */
  maxPoints?: number;
  /**
   * Instead of `maxPoints`: the lowest and highest point of each of this many equal step columns
   * (and the first and last point), so a chart of that many pixel columns loses no extreme.
   */
  columns?: number;
  /** Only the points of these steps (inclusive). */
  fromStep?: number;
  toStep?: number;
}

/**
 * Where runs and their metrics are kept (as MLflow's AbstractStore: one interface, one SQLite
 * implementation). Synchronous: the main process is the database's one writer.
 */
export interface RunStore {
  createRun(run: NewRun): RunSummary;
  /** The run, or undefined when there is none with this id. */
  getRun(id: number): RunSummary | undefined;
  /** Whether there is a run with this id (without reading it). */
  hasRun(id: number): boolean;
  /** Runs, newest first; only those with one of `statuses`, or of experiment `experimentId`, when given. */
  listRuns(filter?: RunFilter): RunSummary[];
  /** A page of the runs list, filtered and sorted in SQL, with the number of runs matching the filter. */
  queryRuns(query: RunQuery): RunPage;
  /** The ids of the runs matching `filter`, in `sort`'s order (newest first by default), at most `limit` (10,000). */
  runIds(filter: RunQueryFilter, sort?: RunSort, limit?: number): number[];
  /** Counts by status and the distinct datasets, models, optimizers and tags of the runs matching `filter`. */
  runFacets(filter?: RunQueryFilter): RunFacets;
  /** The runs matching `filter` grouped by a field's value, with statistics of their completed runs. */
  runGroups(filter: RunQueryFilter, field: string): RunGroupSummary[];
  /** Deletes a run with its metrics (and every other row that refers to it); false when there was none. */
  deleteRun(id: number): boolean;
  /** Changes a run and returns it as it now is; throws when there is no such run. */
  updateRun(id: number, update: RunUpdate): RunSummary;
  /** Stores a batch of points in one transaction: all of them or none. */
  appendMetrics(runId: number, points: readonly MetricPoint[]): void;
  /** The run's series, ordered by key and each by step. */
  getMetrics(runId: number, query?: MetricQuery): MetricSeries[];
  /**
   * One series as columns, read as `getMetrics` reads it with `columns` (the lowest and highest point
   * of each step column, every point when they are few); empty columns when the run has no such series.
   */
  getSeriesColumns(runId: number, key: string, query: Pick<MetricQuery, 'columns' | 'fromStep' | 'toStep'>): SeriesColumns;
  /** Names of the run's series, sorted. */
  metricKeys(runId: number): string[];
  /**
   * Deletes the run's rows recorded after `step` (metric points, ε captures: every per-step row of a
   * partial epoch past its checkpoint) and recomputes its latest epoch metrics from what is left.
   */
  discardAfterStep(runId: number, step: number): void;
  /** Last recorded value of each epoch metric of a run. */
  lastEpochMetrics(runId: number): Record<string, number>;
  /**
   * Marks every `running` run `interrupted` with the given reason (at start-up: their process died
   * with the previous app), except the runs `except` names (reattached cluster tasks). Returns their ids.
   */
  markRunningInterrupted(reason: string, except?: readonly number[]): number[];
  /** Runs `work` in one transaction (nested calls join it): all of its changes or none. */
  inTransaction<T>(work: () => T): T;
  close(): void;
}
