import { z } from 'zod';
import { runConfigSchema } from '../config/runConfig.js';
import { datasetConfigSchema, datasetKinds } from '../config/datasetConfig.js';
import { modelConfigSchema } from '../config/modelConfig.js';
import type { ModelSummary } from '../ml/models/summarizeModel.js';
import { defaultRunSort, runFieldPathSchema, runQueryFilterSchema, runQuerySchema, runSortSchema } from '../runs/runQuery.js';
import type { RunFacets, RunGroupSummary, RunPage } from '../runs/runQuery.js';
import type { BackendInfo, MetricPoint, MetricSeries, RunSummary } from '../runs/runTypes.js';
import type { PackedSeries } from '../metrics/packedSeries.js';
import type { InitialWeightsArtifact } from '../runs/runArtifacts.js';
import type { EpsilonHeatmapView, EpsilonRunView } from '../science/epsilon/epsilonRunView.js';
import { epsilonSweepRequestSchema } from '../science/epsilon/epsilonSweep.js';
import { experimentConfigSchema } from '../experiments/experimentConfig.js';
import { runNotesSchema, runTagSchema, runTagsSchema } from '../runs/runInfo.js';
import { runViewNameSchema, runViewSchema, type RunViewImport, type RunViewList, type StoredRunView } from '../runs/runView.js';
import type { ExperimentBundle } from '../experiments/experimentBundle.js';
import type { ExperimentPreview, ExperimentSummary } from '../experiments/experimentTypes.js';
import type { ResultsTable } from '../experiments/resultsTable.js';
import { tableLayoutSchema } from '../experiments/tableLayout.js';
import { tablePresetIds } from '../experiments/tablePresets.js';
import { clusterProfileNameSchema, clusterProfileSchema, executionTargetSchema, type ClusterCheckItem, type ClusterSettingsView } from '../cluster/clusterProfile.js';
import type { ClusterJob } from '../cluster/clusterJob.js';

/**
 * The one API between the renderer and the services. Electron IPC (preload + ipcMain handlers) and
 * browser mode (HTTP + server-sent events) both implement exactly this contract; every input is
 * validated with the schema below on the service side.
 */
const runId = z.number().int().positive();
const tag = runTagSchema;

/** The most points one series of a metric read returns: `maxPoints: 0` (every point) reads up to this many, downsampled beyond. */
export const maxPointsPerSeries = 100_000;
const maxPointsField = (fallback: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(maxPointsPerSeries)
    .default(fallback)
    .transform((n) => (n === 0 ? maxPointsPerSeries : n));

export const apiMethods = {
  getSystemInfo: { input: z.object({}).strict() },
  listDatasets: { input: z.object({}).strict() },
  /** Every run with its full config (the CLI's `--json`); the runs table reads `queryRuns` pages instead. */
  listRuns: { input: z.object({}).strict() },
  /** A page of the runs list (summaries, no configs), filtered and sorted in SQL, with the number of runs that match. */
  queryRuns: { input: runQuerySchema },
  /** The ids of every run matching a filter, in the list's order ("select all matching"). */
  listRunIds: {
    input: z.object({ filter: runQueryFilterSchema.default({}), sort: runSortSchema.default(defaultRunSort), limit: z.number().int().min(1).max(10_000).default(10_000) }).strict(),
  },
  /** Counts by status and the distinct datasets, models, optimizers and tags of the runs matching a filter. */
  getRunFacets: { input: z.object({ filter: runQueryFilterSchema.default({}) }).strict() },
  /** The runs matching a filter grouped by a field (config path, status, tags, experimentId), with statistics of their completed runs. */
  summarizeRunGroups: { input: z.object({ filter: runQueryFilterSchema.default({}), field: runFieldPathSchema }).strict() },
  /** The runs table's saved views (columns, search words, filter, group-by, order), by name. */
  listRunViews: { input: z.object({}).strict() },
  /** Stores a view; a name already taken (ignoring case) is a `conflict` unless `replace` is true. */
  saveRunView: { input: z.object({ view: runViewSchema, replace: z.boolean().default(false) }).strict() },
  /** Renames a view; a name another view has is a `conflict`. */
  renameRunView: { input: z.object({ name: runViewNameSchema, to: runViewNameSchema }).strict() },
  deleteRunView: { input: z.object({ name: runViewNameSchema }).strict() },
  /** Stores views a browser kept in its own storage (before views were in the database); entries that are no view are refused by position. */
  importRunViews: { input: z.object({ views: z.array(z.unknown()).max(200) }).strict() },
  /** Several runs in full (config included), in the order asked; unknown ids are left out. */
  getRuns: { input: z.object({ ids: z.array(runId).max(1000) }).strict() },
  getRun: { input: z.object({ id: runId }).strict() },
  /** Stores and queues a run; with `target`, hands it to a cluster (Slurm) instead of training it here. */
  createRun: { input: z.object({ config: runConfigSchema, target: executionTargetSchema.optional() }).strict() },
  cancelRun: { input: z.object({ id: runId }).strict() },
  /** Queues an interrupted, failed or cancelled run again, to continue from its last epoch checkpoint. */
  resumeRun: { input: z.object({ id: runId }).strict() },
  getMetrics: {
    input: z
      .object({
        id: runId,
        keys: z.array(z.string().max(200)).max(100).optional(),
        /** Downsample each series to at most this many points (0 = all, up to `maxPointsPerSeries`). */
        maxPoints: maxPointsField(2000),
      })
      .strict(),
  },
  previewExperiment: { input: z.object({ config: experimentConfigSchema }).strict() },
  /** Expands, stores and queues an experiment's runs; with `target`, submits them to a cluster as one job array. */
  createExperiment: { input: z.object({ config: experimentConfigSchema, target: executionTargetSchema.optional() }).strict() },
  listExperiments: { input: z.object({}).strict() },
  getExperiment: { input: z.object({ id: runId }).strict() },
  /**
   * Series of several runs at once (for Compare): downsampled to `maxPoints`, or, with `columns`, the
   * lowest and highest point of each of that many equal step columns (a chart's pixel columns: no spike
   * is lost), over the steps `fromStep`..`toStep` when given (a zoomed chart).
   */
  getMetricsBatch: {
    input: z
      .object({
        ids: z.array(runId).min(1).max(500),
        keys: z.array(z.string().max(200)).max(100).optional(),
        maxPoints: maxPointsField(1000),
        columns: z.number().int().min(1).max(10_000).optional(),
        fromStep: z.number().optional(),
        toStep: z.number().optional(),
      })
      .strict()
      .refine((v) => v.fromStep === undefined || v.toStep === undefined || v.fromStep <= v.toStep, { message: 'fromStep must not exceed toStep' }),
  },
  /**
   * One series of several runs for a chart (Compare): that of the first of `keys` any of the runs has
   * (the first key when none has any; so the page can ask before it knows the runs' metric names), as
   * the lowest and highest point of each of `columns` equal step columns (no spike is lost; every point
   * when they are few), over the steps `fromStep`..`toStep` when given, each packed as exact float64
   * columns (shared/metrics/packedSeries.ts).
   */
  getSeriesColumns: {
    input: z
      .object({
        ids: z.array(runId).min(1).max(500),
        keys: z.array(z.string().min(1).max(200)).min(1).max(20),
        columns: z.number().int().min(1).max(10_000),
        fromStep: z.number().optional(),
        toStep: z.number().optional(),
      })
      .strict()
      .refine((v) => v.fromStep === undefined || v.toStep === undefined || v.fromStep <= v.toStep, { message: 'fromStep must not exceed toStep' }),
  },
  /** The names of the series the runs have (any of them), sorted. */
  getMetricKeys: { input: z.object({ ids: z.array(runId).min(1).max(500) }).strict() },
  /**
   * Each run's value of each epoch metric, as results tables compute it: `final` (the last epoch's),
   * `best` (max or min by the metric's direction), or `atBestEpoch` (at the epoch where metric `by` was best).
   */
  getRunEpochValues: {
    input: z
      .object({
        ids: z.array(runId).min(1).max(1000),
        metrics: z.array(z.string().min(1).max(200)).min(1).max(20),
        of: z.enum(['final', 'best', 'atBestEpoch']),
        by: z.string().min(1).max(200).optional(),
      })
      .strict()
      .refine((v) => (v.of === 'atBestEpoch') === (v.by !== undefined), { message: 'name the metric whose best epoch is taken (by) with atBestEpoch, and only then', path: ['by'] }),
  },
  /** Results table of an experiment's settings or of given runs grouped by setting. */
  getResultsTable: {
    input: z
      .object({
        experimentId: runId.optional(),
        runIds: z.array(runId).max(1000).optional(),
        /** Epoch metrics to summarise (default: test accuracy and loss, or the surface's loss and distance). */
        metrics: z.array(z.string().max(200)).min(1).max(20).optional(),
        /** Which values (final, best) and statistics to show: every statistic of these (instead of a preset or layout). */
        of: z.array(z.enum(['final', 'best'])).min(1).optional(),
        stats: z.array(z.enum(['mean', 'std', 'min', 'max'])).min(1).optional(),
        /** A ready-made layout (default `compact`, which fits a page column), for the metrics asked. */
        preset: z.enum(tablePresetIds).optional(),
        /** The columns, formats, row groups, caption and label in full (instead of a preset). */
        layout: tableLayoutSchema.optional(),
        title: z.string().max(300).optional(),
      })
      .strict()
      .refine((v) => v.experimentId !== undefined || (v.runIds !== undefined && v.runIds.length > 0), { message: 'give experimentId or runIds' })
      .refine((v) => [v.layout, v.preset, v.of ?? v.stats].filter((x) => x !== undefined).length <= 1, { message: 'give one of layout, preset, or of/stats' }),
  },
  exportExperiment: { input: z.object({ id: runId }).strict() },
  /** The content of an exported experiment file; validated in full by the service. */
  /**
   * `onDuplicate`: a file already imported here (same content) is refused with a `conflict` error
   * naming that experiment (`ask`, the default), or imported again as a copy (`copy`).
   */
  importExperiment: { input: z.object({ bundle: z.unknown(), onDuplicate: z.enum(['ask', 'copy']).optional() }).strict() },
  /** Renames an experiment and sets its settings' display labels (by setting index; an empty label restores the generated one). */
  updateExperiment: {
    input: z
      .object({
        id: runId,
        name: z.string().trim().min(1, { message: 'name the experiment' }).max(200).optional(),
        labels: z.record(z.string().regex(/^\d+$/, { message: 'a setting index' }), z.string().trim().max(100)).optional(),
      })
      .strict(),
  },
  /** Adds trials to every setting of an experiment: the seeds listed, or `count` seeds after its highest. */
  extendExperiment: {
    input: z
      .object({
        id: runId,
        seeds: z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1).max(1000).optional(),
        count: z.number().int().min(1).max(1000).optional(),
      })
      .strict()
      .refine((v) => (v.seeds === undefined) !== (v.count === undefined), { message: 'give seeds or a count, not both' }),
  },
  /** Queues again the experiment's trials that ended failed, diverged, cancelled or interrupted (each replaced by a fresh run of the same config and seed). */
  rerunExperiment: {
    input: z
      .object({ id: runId, statuses: z.array(z.enum(['failed', 'diverged', 'cancelled', 'interrupted'])).min(1).default(['failed', 'diverged', 'cancelled', 'interrupted']) })
      .strict(),
  },
  /** Deletes an experiment; with `withRuns` its runs and their metrics too (a queued or training run is cancelled first), else its runs stay as runs of no experiment. */
  deleteExperiment: { input: z.object({ id: runId, withRuns: z.boolean() }).strict() },
  updateRunInfo: {
    input: z
      .object({ id: runId, tags: runTagsSchema.optional(), notes: runNotesSchema.optional() })
      .strict(),
  },
  /** Adds and removes tags on every run matching a filter (`{ ids }` for ticked runs). */
  tagRuns: {
    input: z
      .object({ filter: runQueryFilterSchema, add: z.array(tag).max(50).default([]), remove: z.array(tag).max(50).default([]) })
      .strict()
      .refine((v) => v.add.length + v.remove.length > 0, { message: 'give tags to add or remove' }),
  },
  /** Deletes runs (by id, or every run matching a filter) with their metrics; a queued or training run is cancelled first. */
  deleteRuns: {
    input: z
      .object({ ids: z.array(runId).min(1).max(10_000).optional(), filter: runQueryFilterSchema.optional() })
      .strict()
      .refine((v) => (v.ids === undefined) !== (v.filter === undefined), { message: 'give ids or a filter, not both' }),
  },
  /** ε histograms of a run (seed 003): captures, first-epoch search range, sweeps. */
  getEpsilonHistograms: { input: z.object({ id: runId }).strict() },
  /** Creates the runs that test a run's ε range (ε values × learning rates × optional β2). */
  createEpsilonSweep: { input: z.object({ id: runId, request: epsilonSweepRequestSchema }).strict() },
  /** Best metric of the runs of a run's ε sweeps over ε × lr or ε × β2: best over the other swept value, or at one. */
  getEpsilonHeatmap: {
    input: z
      .object({
        id: runId,
        axis: z.enum(['lr', 'beta2']).default('lr'),
        metric: z.string().min(1).max(200).default('test/accuracy'),
        /** Cells at this value of the variable not on the map (lr on β2 × ε, β2 on α × ε); absent: the best over its values. */
        at: z.number().finite().optional(),
      })
      .strict(),
  },
  /** The histograms, layer statistics or range as a file. */
  exportEpsilon: {
    input: z.object({ id: runId, format: z.enum(['json', 'histograms-csv', 'stats-csv', 'range-csv']).default('json') }).strict(),
  },
  /**
   * A model's blocks (names, parameter counts, layers with output shapes) for a dataset's samples;
   * the dataset's shape fields suffice (no path needed, nothing is loaded).
   */
  /** The managed data folder: the one in use, the one chosen in the settings (used from the next start), the settings file. */
  getDataSettings: { input: z.object({}).strict() },
  /** Chooses the data folder (an absolute path; null = back to the default); it is used from the next start. */
  setDataFolder: { input: z.object({ dataDir: z.string().trim().min(1).max(4096).nullable() }).strict() },
  /** Copies a known dataset's files from any folder into the data folder, with `download-progress` events (phase 'importing'). */
  importDataset: {
    input: z.object({ kind: z.enum(datasetKinds), from: z.string().trim().min(1).max(4096) }).strict(),
  },
  /** The test split's confusion matrix of a classification run's last epoch (null before it ends or for other runs). */
  getConfusionMatrix: { input: z.object({ id: runId }).strict() },
  /** The pretrained weights a run started from (file, SHA-256), or null. */
  getInitialWeights: { input: z.object({ id: runId }).strict() },
  /** The first samples of a dataset (images as raw pixels, or text lines) for the Data page. */
  getDatasetSamples: {
    input: z.object({ dataset: datasetConfigSchema, count: z.number().int().min(1).max(64).default(16) }).strict(),
  },
  /**
   * Downloads a public dataset into the data folder (checksummed, resumable); progress arrives as
   * `download-progress` events. `baseUrl` replaces the official address (a mirror).
   */
  downloadDataset: {
    input: z
      .object({ kind: z.enum(datasetKinds), baseUrl: z.url({ protocol: /^https?$/ }).optional() })
      .strict(),
  },
  /** The cluster profiles of the settings (stored beside the database). */
  getClusterProfiles: { input: z.object({}).strict() },
  /** Adds a cluster profile, or replaces the one named `replaces`. */
  saveClusterProfile: { input: z.object({ profile: clusterProfileSchema, replaces: clusterProfileNameSchema.optional() }).strict() },
  deleteClusterProfile: { input: z.object({ name: clusterProfileNameSchema }).strict() },
  /** Tries what a submission with this profile needs (connection, sbatch, partitions, shared folder, optlab, the report address) and says what works. */
  checkClusterConnection: { input: z.object({ profile: clusterProfileSchema }).strict() },
  /** Where runs submitted to a cluster are in its scheduler (job, task, state, reason); runs trained here are left out. */
  getClusterJobs: { input: z.object({ ids: z.array(runId).max(500) }).strict() },
  describeModel: {
    input: z
      .object({
        model: modelConfigSchema,
        dataset: z.looseObject({ kind: z.enum(datasetConfigSchema.options.map((o) => o.shape.kind.value) as [string, ...string[]]) }),
      })
      .strict(),
  },
} as const satisfies Record<string, { input: z.ZodType }>;

/** A file made by the services for the user to save. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string;
}

export interface EpsilonSweepResult {
  sweepId: number;
  runs: RunSummary[];
}

/** A model as `describeModel` shows it: its summary, the outputs it was built with, and what was assumed. */
export interface ModelDescription extends ModelSummary {
  classes: number;
  /** Counts that only the data decides (an image folder's classes, a corpus's vocabulary), assumed here. */
  assumptions: string[];
}

export interface SystemInfo {
  appVersion: string;
  /** The backend a new run will train on, and why faster ones are missing. */
  backend: BackendInfo;
  dbPath: string;
  dataDir: string;
  /** 'electron' in the desktop app, 'browser' for the local web server. */
  mode: 'electron' | 'browser';
}

export interface DatasetInfo {
  kind: string;
  title: string;
  available: boolean;
  /** Where the files were found, or why it is not available. */
  source: string;
  trainCount: number;
  testCount: number;
  classes: string[];
  /** Ready-made settings of bundled data of this kind (e.g. a text's path), to pick instead of typing. */
  presets?: DatasetPreset[];
  /** The app can download this dataset (see `downloadDataset`). */
  downloadable?: boolean;
}

export interface DatasetPreset {
  label: string;
  /** Fields of the dataset config (besides `kind`). */
  config: Record<string, string | number | boolean>;
}

export interface DataSettingsView {
  /** The data folder this session reads and downloads into. */
  dataDir: string;
  /** The folder chosen in the settings (null: none), and whether it differs from the one in use (a restart applies it). */
  configured: string | null;
  restartNeeded: boolean;
  settingsFile: string;
  /** Why the settings file was not used, when it is not valid. */
  problem: string | null;
}

/** Rows are the true classes, columns the predicted ones (counts of test samples). */
export interface RunConfusionMatrix {
  epoch: number;
  classNames: string[];
  matrix: number[][];
}

/** The first samples of a dataset: images (8-bit pixels, channels last, base64) or lines of text. */
export interface DatasetSamples {
  kind: string;
  images: { width: number; height: number; channels: number; pixels: string; label: string }[];
  lines: string[];
}

export interface DownloadProgressEvent {
  kind: string;
  file: string;
  fileIndex: number;
  fileCount: number;
  phase: 'downloading' | 'unpacking' | 'importing' | 'done' | 'failed';
  received: number;
  total: number | null;
  /** Why it failed (phase 'failed'). */
  message?: string;
}

export interface ApiResults {
  describeModel: ModelDescription;
  getSystemInfo: SystemInfo;
  listDatasets: DatasetInfo[];
  listRuns: RunSummary[];
  queryRuns: RunPage;
  listRunIds: number[];
  getRunFacets: RunFacets;
  summarizeRunGroups: RunGroupSummary[];
  getRuns: RunSummary[];
  listRunViews: RunViewList;
  saveRunView: StoredRunView;
  renameRunView: StoredRunView;
  deleteRunView: { deleted: string };
  importRunViews: RunViewImport;
  tagRuns: { updated: number };
  getRun: RunSummary;
  createRun: RunSummary;
  cancelRun: RunSummary;
  resumeRun: RunSummary;
  getMetrics: MetricSeries[];
  previewExperiment: ExperimentPreview;
  createExperiment: ExperimentSummary;
  listExperiments: ExperimentSummary[];
  getExperiment: ExperimentSummary;
  getMetricsBatch: { runId: number; series: MetricSeries[] }[];
  getSeriesColumns: { key: string; runs: { runId: number; series: PackedSeries }[] };
  getMetricKeys: string[];
  getRunEpochValues: { runId: number; values: Record<string, number | null> }[];
  getResultsTable: ResultsTable;
  exportExperiment: ExperimentBundle;
  importExperiment: ExperimentSummary;
  updateExperiment: ExperimentSummary;
  extendExperiment: ExperimentSummary;
  rerunExperiment: ExperimentSummary & { requeued: number };
  deleteExperiment: { deletedRuns: number[] };
  updateRunInfo: RunSummary;
  deleteRuns: { deleted: number[] };
  getEpsilonHistograms: EpsilonRunView;
  createEpsilonSweep: EpsilonSweepResult;
  getEpsilonHeatmap: EpsilonHeatmapView;
  exportEpsilon: ExportedFile;
  getDatasetSamples: DatasetSamples;
  getConfusionMatrix: RunConfusionMatrix | null;
  getInitialWeights: InitialWeightsArtifact | null;
  getDataSettings: DataSettingsView;
  setDataFolder: DataSettingsView;
  importDataset: { folder: string; files: string[] };
  downloadDataset: { folder: string };
  getClusterProfiles: ClusterSettingsView;
  saveClusterProfile: ClusterSettingsView;
  deleteClusterProfile: ClusterSettingsView;
  checkClusterConnection: ClusterCheckItem[];
  getClusterJobs: ClusterJob[];
}

export type ApiMethod = keyof typeof apiMethods;
export const apiMethodNames = Object.keys(apiMethods) as ApiMethod[];
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiMethods)[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['input']>;

export type ApiEvent =
  | { type: 'run-updated'; run: RunSummary }
  /** Many runs changed at once (tags of a selection, deletions): lists read again. */
  | { type: 'runs-changed' }
  | { type: 'metrics'; runId: number; points: MetricPoint[] }
  | { type: 'download-progress'; progress: DownloadProgressEvent }
  /** Events were dropped for this listener (it fell too far behind): load afresh what is shown. */
  | { type: 'resync' };

/** What the renderer holds: one typed method per API call, and a subscription to events. */
export type OptlabApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResults[M]> } & {
  onEvent(listener: (event: ApiEvent) => void): () => void;
};

/** What the services implement: the same methods, given already-validated input. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiResults[M]> };

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiMethods, name);
}
