import { ApiError } from '../../shared/api/apiError.js';
import { parseOrThrow } from '../../shared/errors/inputError.js';
import type { ApiEvent, ApiHandlers, ApiParsedInput } from '../../shared/api/contract.js';
import { runConfigSchema, type RunConfig } from '../../shared/config/runConfig.js';
import type { ExecutionTarget } from '../../shared/cluster/clusterProfile.js';
import { optimizerIssuesForBlocks } from '../../shared/ml/optim/fusion/fusionPlan.js';
import { finishedStatuses, resumableStatuses, type MetricSeries, type RunSummary } from '../../shared/runs/runTypes.js';
import type { RunFacets, RunGroupSummary, RunPage } from '../../shared/runs/runQuery.js';
import { readCheckpoint } from '../checkpoint/checkpointFile.js';
import { configHash } from '../checkpoint/configHash.js';
import { changedInitialWeights } from '../checkpoint/initialWeightsCheck.js';
import { resolveDataPath } from '../data/resolveDataPath.js';
import { initialWeightsArtifactSchema } from '../../shared/runs/runArtifacts.js';
import type { ArtifactStore } from '../store/artifactStore.js';
import type { HistogramStore } from '../store/histogramStore.js';
import type { RunStore } from '../store/runStore.js';
import { RunQueue } from './runQueue.js';
import type { TrainerLauncher } from './trainerLauncher.js';
import type { DatabaseGrowthCheck } from './databaseGrowthCheck.js';

/** The API methods about runs. */
export type RunApiHandlers = Pick<
  ApiHandlers,
  'listRuns' | 'queryRuns' | 'listRunIds' | 'getRunFacets' | 'summarizeRunGroups' | 'getRuns' | 'getRun' | 'createRun' | 'cancelRun' | 'resumeRun' | 'getMetrics'
>;


export interface RunServiceOptions {
  store: RunStore;
  launcher: TrainerLauncher;
  /** Where the queue stores ε histogram captures. */
  histogramStore?: HistogramStore;
  artifactStore?: ArtifactStore;
  dataDir: string;
  /** Where runs write epoch checkpoints (`<db folder>/checkpoints`); without it runs write none. */
  checkpointRoot?: string;
  /** The model's block names in order, to refuse fusion plans that do not fit them before a run starts. */
  blockNames?: (config: RunConfig) => string[];
  /** How many runs train at the same time (default 1). */
  concurrency?: number;
  /** How long a cancelled run's process may take to stop before it is killed, in ms (default 5000). */
  cancelGraceMs?: number;
  /** Progress is stored and announced at most this often, in ms (default 250). */
  progressIntervalMs?: number;
  /** Refuses runs whose metrics would not fit on the database's disk; returns a warning for large ones (none checked without it). */
  checkDatabaseGrowth?: DatabaseGrowthCheck;
  /** Where warnings about accepted runs go (default: stderr). */
  warn?: (message: string) => void;
  /**
   * At start-up, mark runs left `running` by a previous app `interrupted` (default true). Turn off
   * for a second process sharing a database it does not own.
   */
  recover?: boolean;
  /**
   * At start-up, queue again the runs a previous app left `queued`, oldest first (default: as
   * `recover`). A one-shot command that trains only its own run turns this off.
   */
  resumeQueued?: boolean;
}

/** Hands runs to a cluster (main/cluster/slurmService.ts). */
export interface ClusterTarget {
  /** The target's profile; refuses an unknown one before anything is stored. */
  requireProfile(target: ExecutionTarget): unknown;
  /** Submits stored, queued runs (one job array). */
  submit(runIds: readonly number[], target: ExecutionTarget): Promise<unknown>;
}

export const interruptedReason = 'The app stopped while the run was training';

/**
 * Runs as the API sees them: create (validated, stored, queued), list, read, cancel, metrics; and the
 * events (`run-updated`, `metrics`) announcing every change to subscribers.
 */
export class RunService implements RunApiHandlers {
  readonly queue: RunQueue;
  private readonly store: RunStore;
  private readonly artifactStore?: ArtifactStore;
  private readonly dataDir: string;
  private readonly blockNames?: (config: RunConfig) => string[];
  private readonly checkDatabaseGrowth: DatabaseGrowthCheck;
  private readonly warn: (message: string) => void;
  private readonly listeners = new Set<(event: ApiEvent) => void>();
  private cluster: ClusterTarget | undefined;
  private clusterRefusal: string | undefined;

  constructor(options: RunServiceOptions) {
    this.store = options.store;
    this.artifactStore = options.artifactStore;
    this.dataDir = options.dataDir;
    this.blockNames = options.blockNames;
    this.checkDatabaseGrowth = options.checkDatabaseGrowth ?? (async () => null);
    this.warn = options.warn ?? ((message) => console.warn(`optlab: ${message}`));
    this.queue = new RunQueue({
      store: options.store,
      launcher: options.launcher,
      histogramStore: options.histogramStore,
      artifactStore: options.artifactStore,
      dataDir: options.dataDir,
      checkpointRoot: options.checkpointRoot,
      concurrency: options.concurrency,
      cancelGraceMs: options.cancelGraceMs,
      progressIntervalMs: options.progressIntervalMs,
      emit: (event) => this.emit(event),
    });
    if (options.recover ?? true) this.recover({ resumeQueued: options.resumeQueued });
  }

  /**
   * Start-up recovery, for the process that owns the database (and only once it holds its lock):
   * runs left `running` by a previous process become `interrupted`, and runs it left `queued` are
   * queued again, oldest first (unless `resumeQueued` is false). Runs on a cluster are never trained
   * here: those `elsewhere.reattached` (their tasks went on, watched again) are left as they are, the
   * other `elsewhere.cluster` runs become `interrupted` with `elsewhere.reason`.
   */
  recover(options: { resumeQueued?: boolean; elsewhere?: { reattached: readonly number[]; cluster: ReadonlySet<number>; reason: string } } = {}): void {
    const reattached = new Set(options.elsewhere?.reattached ?? []);
    const cluster = options.elsewhere?.cluster ?? new Set<number>();
    for (const run of this.store.listRuns({ statuses: ['queued', 'running'] })) {
      if (!cluster.has(run.id) || reattached.has(run.id)) continue;
      this.announce(this.store.updateRun(run.id, { status: 'interrupted', error: options.elsewhere?.reason ?? interruptedReason, finishedAt: new Date().toISOString() }));
    }
    this.store.markRunningInterrupted(interruptedReason, [...reattached]);
    if (options.resumeQueued ?? true) {
      const leftQueued = this.store.listRuns({ statuses: ['queued'] }).sort((a, b) => a.id - b.id);
      for (const run of leftQueued) if (!reattached.has(run.id)) this.queue.enqueue(run.id);
    }
  }

  /** Subscribes to run events; returns the function that unsubscribes. */
  onEvent(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async listRuns(_input: ApiParsedInput<'listRuns'> = {}): Promise<RunSummary[]> {
    return this.store.listRuns();
  }

  async queryRuns(input: ApiParsedInput<'queryRuns'>): Promise<RunPage> {
    return this.store.queryRuns(input);
  }

  async listRunIds(input: ApiParsedInput<'listRunIds'>): Promise<number[]> {
    return this.store.runIds(input.filter, input.sort, input.limit);
  }

  async getRunFacets(input: ApiParsedInput<'getRunFacets'>): Promise<RunFacets> {
    return this.store.runFacets(input.filter);
  }

  async summarizeRunGroups(input: ApiParsedInput<'summarizeRunGroups'>): Promise<RunGroupSummary[]> {
    return this.store.runGroups(input.filter, input.field);
  }

  async getRuns(input: ApiParsedInput<'getRuns'>): Promise<RunSummary[]> {
    return input.ids.map((id) => this.store.getRun(id)).filter((run): run is RunSummary => run !== undefined);
  }

  async getRun(input: ApiParsedInput<'getRun'>): Promise<RunSummary> {
    return this.mustGet(input.id);
  }

  async createRun(input: ApiParsedInput<'createRun'>): Promise<RunSummary> {
    if (input.target) this.clusterTarget().requireProfile(input.target);
    const run = await this.storeNewRun(input.config);
    if (input.target) await this.clusterTarget().submit([run.id], input.target);
    else this.queue.enqueue(run.id);
    return this.store.getRun(run.id) ?? run;
  }

  /**
   * Stores a run that will be trained elsewhere and reported to the app (`optlab run --report-to`):
   * checked like any new run, left `queued` until its trainer reports that it started.
   */
  async createReportedRun(config: unknown, name?: string): Promise<RunSummary> {
    return this.storeNewRun(config, name);
  }

  /** Where runs go whose target is a cluster (set once the cluster service exists). */
  useClusterTarget(target: ClusterTarget): void {
    this.cluster = target;
    this.clusterRefusal = undefined;
  }

  /** Refuses cluster targets from now on, saying why (the app cannot receive reports). */
  refuseClusterTarget(why: string): void {
    this.cluster = undefined;
    this.clusterRefusal = why;
  }

  /** The cluster target, or a clear refusal where there is none (an app that receives no reports). */
  clusterTarget(): ClusterTarget {
    if (!this.cluster) throw new ApiError(`Cluster runs report to the app over HTTP: ${this.clusterRefusal ?? 'start the app as `optlab serve` to use a cluster profile'}`, 'conflict');
    return this.cluster;
  }

  private async storeNewRun(input: unknown, name?: string): Promise<RunSummary> {
    const config = parseOrThrow(runConfigSchema, input, 'run config');
    if (config.optimizer.type === 'fusion' && this.blockNames) {
      const issues = optimizerIssuesForBlocks(config.optimizer, this.blockNames(config));
      if (issues.length > 0) throw new ApiError(`Invalid run config: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, 'invalid-input', issues);
    }
    await this.checkNewRuns([config]);
    const run = this.store.createRun({ config, ...(name ? { name } : {}) });
    this.emit({ type: 'run-updated', run });
    return run;
  }

  async cancelRun(input: ApiParsedInput<'cancelRun'>): Promise<RunSummary> {
    this.mustGet(input.id);
    return this.queue.cancel(input.id);
  }

  /**
   * Queues an interrupted, failed or cancelled run again to continue from its last epoch checkpoint:
   * the checkpoint is read and checked against the run's config first, and nothing is changed when
   * it cannot be used. Metric points and ε captures recorded after the checkpoint (a partial epoch) are
   * dropped, so the resumed run records each step once. A run that started from pretrained weights
   * resumes only while that file's SHA-256 is still the one recorded at its first start.
   */
  async resumeRun(input: ApiParsedInput<'resumeRun'>): Promise<RunSummary> {
    const run = this.mustGet(input.id);
    if (!resumableStatuses.includes(run.status)) {
      throw new ApiError(`Run ${run.id} is ${run.status}; only an interrupted, failed or cancelled run can resume`, 'conflict');
    }
    if (!run.checkpoint) throw new ApiError(`Run ${run.id} has no epoch checkpoint to resume from (it stopped before finishing an epoch)`, 'conflict');
    let checkpoint: ReturnType<typeof readCheckpoint>;
    try {
      checkpoint = readCheckpoint(run.checkpoint.path);
    } catch (error) {
      throw new ApiError(`Run ${run.id} cannot resume: ${(error as Error).message}`, 'conflict');
    }
    if (checkpoint.configHash !== configHash(run.config)) {
      throw new ApiError(`Run ${run.id} cannot resume: its checkpoint was written for another config`, 'conflict');
    }
    const recordedWeights = run.config.initialWeights ? this.artifactStore?.getArtifact(run.id, 'initial-weights') : null;
    if (run.config.initialWeights && recordedWeights) {
      const weightsFile = resolveDataPath(this.dataDir, run.config.initialWeights.path);
      const changed = await changedInitialWeights(weightsFile, initialWeightsArtifactSchema.parse(recordedWeights));
      if (changed) throw new ApiError(`Run ${run.id} cannot resume: ${changed}`, 'conflict');
    }
    this.store.discardAfterStep(run.id, checkpoint.step);
    const queued = this.store.updateRun(run.id, { status: 'queued', error: null, finishedAt: null, checkpoint: { ...run.checkpoint, epoch: checkpoint.epoch, step: checkpoint.step } });
    this.emit({ type: 'run-updated', run: queued });
    this.queue.enqueue(run.id);
    return this.store.getRun(run.id) ?? queued;
  }

  async getMetrics(input: ApiParsedInput<'getMetrics'>): Promise<MetricSeries[]> {
    this.mustGet(input.id);
    return this.store.getMetrics(input.id, { keys: input.keys, maxPoints: input.maxPoints });
  }

  /** Refuses runs about to be created whose metrics would not fit on the database's disk, and warns about large ones. */
  async checkNewRuns(configs: readonly RunConfig[]): Promise<void> {
    const warning = await this.checkDatabaseGrowth(configs);
    if (warning) this.warn(warning);
  }

  /** Tells subscribers a run changed (for services that create or change runs beside this one). */
  announce(run: RunSummary): void {
    this.emit({ type: 'run-updated', run });
  }

  /** Tells subscribers that many runs changed at once (they read their lists again). */
  announceMany(): void {
    this.emit({ type: 'runs-changed' });
  }

  /** Resolves with the run once it has finished (completed, failed, cancelled, diverged or interrupted). */
  waitForRun(id: number): Promise<RunSummary> {
    const run = this.mustGet(id);
    if (finishedStatuses.includes(run.status)) return Promise.resolve(run);
    return new Promise((resolve) => {
      const unsubscribe = this.onEvent((event) => {
        if (event.type === 'run-updated' && event.run.id === id && finishedStatuses.includes(event.run.status)) {
          unsubscribe();
          resolve(event.run);
        }
      });
    });
  }

  /** Stops training (runs in progress become `interrupted`, queued ones stay queued); the store stays open. */
  shutdown(): Promise<void> {
    return this.queue.shutdown(interruptedReason);
  }

  private mustGet(id: number): RunSummary {
    const run = this.store.getRun(id);
    if (!run) throw new ApiError(`There is no run ${id}`, 'not-found');
    return run;
  }

  private emit(event: ApiEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('A run event listener failed:', error);
      }
    }
  }
}
