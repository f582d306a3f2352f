import { availableParallelism, freemem, totalmem } from 'node:os';
import { ApiError } from '../../shared/api/apiError.js';
import type { ApiEvent } from '../../shared/api/contract.js';
import { estimateEtaSeconds, progressFraction, type ProgressSample } from '../../shared/runs/eta.js';
import type { RunProgress, RunStatus, RunSummary } from '../../shared/runs/runTypes.js';
import type { FromTrainerMessage } from '../../shared/training/trainerMessages.js';
import { runThreads } from '../../shared/training/runThreads.js';
import type { ArtifactStore } from '../store/artifactStore.js';
import type { HistogramStore } from '../store/histogramStore.js';
import type { RunStore, RunUpdate } from '../store/runStore.js';
import { deleteCheckpointDir } from '../checkpoint/checkpointFile.js';
import { runCheckpointDir } from '../checkpoint/checkpointPaths.js';
import type { SchedulerEnding } from '../../shared/cluster/slurmJobState.js';
import { crashReason } from './crashReason.js';
import type { TrainerHandle, TrainerLauncher } from './trainerLauncher.js';

export interface RunQueueOptions {
  store: RunStore;
  launcher: TrainerLauncher;
  /** Where ε histogram captures go; without it they are dropped. */
  histogramStore?: HistogramStore;
  /** Where documents a run produces are kept (the last epoch's confusion matrix). */
  artifactStore?: ArtifactStore;
  /** The data folder the training processes read datasets from. */
  dataDir: string;
  /**
   * Where runs write their epoch checkpoints (a folder per run); none are written without it. A run
   * that has a checkpoint when it starts continues from it.
   */
  checkpointRoot?: string;
  /** Called after every change to a run and every stored metrics batch. */
  emit: (event: ApiEvent) => void;
  /** How many runs train at the same time. */
  concurrency?: number;
  /** How long a process may take to stop after `cancel` (or to exit after its final message) before it is killed, in ms. */
  cancelGraceMs?: number;
  /** Progress is stored and announced at most this often (and at every new epoch), in ms. */
  progressIntervalMs?: number;
  /** Wall clock for the run's timestamps, in ms. */
  now?: () => number;
  /** Monotonic clock for the pace (ETA) and progress throttling, in ms. */
  monotonicNow?: () => number;
}

type FinalStatus = Extract<RunStatus, 'completed' | 'failed' | 'cancelled' | 'diverged' | 'interrupted'>;

interface ActiveRun {
  runId: number;
  handle: TrainerHandle;
  /** Trained elsewhere (a cluster task, a run started by hand): takes no slot of the queue. */
  external: boolean;
  /** Set by the process's final message (or by the queue when it gives up on the process). */
  outcome: FinalStatus | null;
  cancelRequested: boolean;
  killTimer: ReturnType<typeof setTimeout> | null;
  firstSample: ProgressSample | null;
  progress: RunProgress | null;
  progressDirty: boolean;
  progressWrittenAt: number;
  progressTimer: ReturnType<typeof setTimeout> | null;
  exited: Promise<void>;
}

/**
 * Runs queued training runs, `concurrency` at a time, each in its own process: starts it, records
 * what it reports (progress with an ETA, metrics, backend, final status), cancels it on request and
 * records a crash when the process ends without saying how the run ended. A run's failure never
 * stops the queue.
 */
export class RunQueue {
  private readonly store: RunStore;
  private readonly launcher: TrainerLauncher;
  private readonly histogramStore: HistogramStore | undefined;
  private readonly artifactStore: ArtifactStore | undefined;
  private readonly dataDir: string;
  private readonly checkpointRoot: string | undefined;
  private readonly emit: (event: ApiEvent) => void;
  private readonly cancelGraceMs: number;
  private readonly progressIntervalMs: number;
  private readonly now: () => number;
  private readonly monotonicNow: () => number;
  private maxConcurrent: number;
  private readonly pending: number[] = [];
  private readonly active = new Map<number, ActiveRun>();
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(options: RunQueueOptions) {
    this.store = options.store;
    this.launcher = options.launcher;
    this.histogramStore = options.histogramStore;
    this.artifactStore = options.artifactStore;
    this.dataDir = options.dataDir;
    this.checkpointRoot = options.checkpointRoot;
    this.emit = options.emit;
    this.maxConcurrent = validConcurrency(options.concurrency ?? 1);
    this.cancelGraceMs = options.cancelGraceMs ?? 5000;
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
    this.now = options.now ?? Date.now;
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
  }

  get concurrency(): number {
    return this.maxConcurrent;
  }

  setConcurrency(concurrency: number): void {
    this.maxConcurrent = validConcurrency(concurrency);
    this.pump();
  }

  /** Ids of the runs waiting for a slot, in the order they will start. */
  queuedRunIds(): number[] {
    return [...this.pending];
  }

  /**
   * Watches a run trained elsewhere (a cluster's task, a run started by hand on another machine)
   * whose messages arrive through `handle`: it takes no slot, stays `queued` until its trainer
   * reports that it started, and is recorded and cancelled like a local run.
   */
  attach(runId: number, handle: TrainerHandle): void {
    if (this.closed) throw new Error('The run queue has been shut down');
    const active = this.active.get(runId);
    if (active && active.outcome === null) throw new Error(`Run ${runId} is already training`);
    this.watch(runId, handle, true);
  }

  /** Ids of the runs whose process is alive. */
  activeRunIds(): number[] {
    return [...this.active.keys()];
  }

  /**
   * Adds a `queued` run to the end of the queue. A run whose last process has ended it but not yet
   * exited (a resume right after a cancel) waits for that exit, then starts.
   */
  enqueue(runId: number): void {
    if (this.closed) throw new Error('The run queue has been shut down');
    const active = this.active.get(runId);
    if (this.pending.includes(runId) || (active && active.outcome === null)) return;
    this.pending.push(runId);
    this.pump();
  }

  /**
   * Cancels a run: a queued run is marked cancelled at once; a training run is asked to stop and is
   * killed if its process has not ended after the grace period. A finished run is left as it is.
   */
  cancel(runId: number): RunSummary {
    const run = this.store.getRun(runId);
    if (!run) throw new ApiError(`There is no run ${runId}`, 'not-found');
    const queuedAt = this.pending.indexOf(runId);
    if (queuedAt >= 0) this.pending.splice(queuedAt, 1);

    const active = this.active.get(runId);
    if (active) {
      if (!active.cancelRequested && active.outcome === null) {
        active.cancelRequested = true;
        active.handle.send({ type: 'cancel' });
        this.armKill(active, this.cancelGraceMs);
      }
      return run;
    }
    if (run.status === 'queued') {
      const cancelled = this.update(runId, { status: 'cancelled', finishedAt: this.isoNow() });
      this.notifyIfIdle();
      return cancelled;
    }
    return run;
  }

  /** Resolves when no run is training or waiting. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops the queue: waiting runs stay `queued` in the store, training runs are killed and marked
   * `interrupted` with the reason, except runs trained elsewhere that go on without the app (a
   * cluster's tasks), which are left as they are (their progress stored) to be reattached at the next
   * start. Resolves when the killed processes have ended.
   */
  async shutdown(reason = 'The app stopped while the run was training'): Promise<void> {
    this.closed = true;
    this.pending.length = 0;
    const exits: Promise<void>[] = [];
    for (const active of [...this.active.values()]) {
      if (active.external && active.outcome === null && active.handle.detach?.()) {
        this.guard(active, () => this.writeProgress(active));
        this.clearProgressTimer(active);
        this.active.delete(active.runId);
        continue;
      }
      if (active.outcome === null) this.finish(active, 'interrupted', { error: reason });
      active.handle.kill();
      exits.push(active.exited);
    }
    await Promise.all(exits);
  }

  private pump(): void {
    while (!this.closed && this.localActiveCount() < this.maxConcurrent) {
      const next = this.pending.findIndex((runId) => !this.active.has(runId));
      if (next < 0) break;
      this.start(this.pending.splice(next, 1)[0]);
    }
    this.notifyIfIdle();
  }

  private start(runId: number): void {
    const run = this.store.getRun(runId);
    if (!run || run.status !== 'queued') return;
    // A run resuming from a checkpoint keeps its first start time and its progress so far.
    const resuming = run.checkpoint !== null && run.checkpoint !== undefined;
    this.update(runId, {
      status: 'running',
      startedAt: resuming && run.startedAt ? run.startedAt : this.isoNow(),
      finishedAt: null,
      error: null,
      progress: resuming ? run.progress : null,
    });
    let handle: TrainerHandle;
    try {
      handle = this.launcher.launch();
    } catch (error) {
      this.update(runId, { status: 'failed', error: `Could not start the training process: ${(error as Error).message}`, finishedAt: this.isoNow() });
      return;
    }
    this.watch(runId, handle, false);
    handle.send({
      type: 'start',
      runId,
      config: run.config,
      dataDir: this.dataDir,
      checkpointDir: this.checkpointRoot === undefined ? undefined : runCheckpointDir(this.checkpointRoot, runId),
      resume: run.checkpoint ? { path: run.checkpoint.path, epoch: run.checkpoint.epoch } : undefined,
      threads: runThreads(run.config.training.threads, availableParallelism(), this.maxConcurrent),
    });
  }

  private watch(runId: number, handle: TrainerHandle, external: boolean): void {
    let markExited: () => void = () => {};
    const active: ActiveRun = {
      runId,
      handle,
      external,
      outcome: null,
      cancelRequested: false,
      killTimer: null,
      firstSample: null,
      progress: null,
      progressDirty: false,
      progressWrittenAt: 0,
      progressTimer: null,
      exited: new Promise((resolve) => (markExited = resolve)),
    };
    this.active.set(runId, active);
    handle.onMessage((message) => this.guard(active, () => this.onMessage(active, message)));
    handle.onInvalidMessage((problem) =>
      this.guard(active, () => {
        if (active.outcome !== null) return;
        this.finish(active, 'failed', { error: `The training process sent an invalid message: ${problem}` });
        handle.kill();
      }),
    );
    handle.onExit((code, signal, ending) => {
      this.guard(active, () => this.onExit(active, code, signal, ending));
      if (this.active.get(runId) === active) this.active.delete(runId);
      markExited();
      this.pump();
    });
  }

  private onMessage(active: ActiveRun, message: FromTrainerMessage): void {
    if (active.outcome !== null) return;
    switch (message.type) {
      case 'started': {
        // A run trained elsewhere is queued until its trainer starts (a local one is running already).
        const run = this.store.getRun(active.runId);
        if (run?.status === 'queued') {
          const resuming = run.checkpoint !== null && run.checkpoint !== undefined;
          this.update(active.runId, { status: 'running', startedAt: resuming && run.startedAt ? run.startedAt : this.isoNow(), error: null, backend: message.backend });
        } else {
          this.update(active.runId, { backend: message.backend });
        }
        return;
      }
      case 'progress':
        this.onProgress(active, message);
        return;
      case 'metrics': {
        // A value that is not finite is not stored: it ends the run as diverged, naming it.
        const bad = message.points.find((p) => !Number.isFinite(p.value));
        const points = bad ? message.points.filter((p) => Number.isFinite(p.value)) : message.points;
        if (points.length > 0) {
          this.store.appendMetrics(active.runId, points);
          this.emit({ type: 'metrics', runId: active.runId, points });
        }
        if (bad) {
          this.finish(active, 'diverged', { error: `${bad.key} became ${bad.value} at step ${bad.step}` });
          active.handle.kill();
        }
        return;
      }
      case 'epsilon-capture':
        this.histogramStore?.addCapture(active.runId, message.capture);
        return;
      case 'confusion-matrix':
        this.artifactStore?.putArtifact(active.runId, 'confusion-matrix', { epoch: message.epoch, classNames: message.classNames, matrix: message.matrix });
        return;
      case 'initial-weights':
        this.artifactStore?.putArtifact(active.runId, 'initial-weights', message.weights);
        return;
      case 'checkpoint':
        this.update(active.runId, { checkpoint: { path: message.path, epoch: message.epoch, step: message.step } });
        return;
      case 'completed':
        this.dropCheckpoint(active.runId);
        this.finish(active, 'completed', { error: null });
        return;
      case 'diverged':
        this.finish(active, 'diverged', { error: message.reason });
        return;
      case 'failed':
        this.finish(active, 'failed', { error: message.error });
        return;
      case 'cancelled':
        this.finish(active, 'cancelled', { error: null });
        return;
    }
  }

  private onProgress(active: ActiveRun, message: Extract<FromTrainerMessage, { type: 'progress' }>): void {
    const nowMs = this.monotonicNow();
    const sample = { fraction: progressFraction(message), timeSeconds: nowMs / 1000 };
    active.firstSample ??= sample;
    const newEpoch = active.progress === null || active.progress.epoch !== message.epoch;
    active.progress = {
      epoch: message.epoch,
      totalEpochs: message.totalEpochs,
      step: message.step,
      totalSteps: message.totalSteps,
      etaSeconds: estimateEtaSeconds(active.firstSample, sample),
    };
    active.progressDirty = true;
    const wait = active.progressWrittenAt + this.progressIntervalMs - nowMs;
    if (newEpoch || wait <= 0) {
      this.writeProgress(active);
    } else if (active.progressTimer === null) {
      active.progressTimer = setTimeout(() => {
        active.progressTimer = null;
        this.guard(active, () => this.writeProgress(active));
      }, wait);
    }
  }

  private writeProgress(active: ActiveRun): void {
    if (!active.progressDirty || active.outcome !== null) return;
    active.progressDirty = false;
    active.progressWrittenAt = this.monotonicNow();
    this.update(active.runId, { progress: active.progress });
  }

  /** Records how the run ended; the process is given the grace period to exit on its own. */
  private finish(active: ActiveRun, status: FinalStatus, fields: Pick<RunUpdate, 'error'>): void {
    active.outcome = status;
    this.clearProgressTimer(active);
    const progress = active.progress && status === 'completed' ? { ...active.progress, etaSeconds: 0 } : active.progress;
    this.update(active.runId, { status, ...fields, progress, finishedAt: this.isoNow() });
    this.armKill(active, this.cancelGraceMs);
  }

  /** A completed run needs no checkpoint: its folder is removed and the run no longer points to it. */
  private dropCheckpoint(runId: number): void {
    const run = this.store.getRun(runId);
    if (!run?.checkpoint || this.checkpointRoot === undefined) return;
    deleteCheckpointDir(runCheckpointDir(this.checkpointRoot, runId));
    this.store.updateRun(runId, { checkpoint: null });
  }

  private onExit(active: ActiveRun, code: number | null, signal: string | null, ending?: SchedulerEnding): void {
    this.clearProgressTimer(active);
    if (active.killTimer) clearTimeout(active.killTimer);
    if (active.outcome !== null) return;
    if (active.cancelRequested) {
      this.finish(active, 'cancelled', { error: null });
      return;
    }
    if (ending) {
      this.finish(active, ending.status, { error: ending.reason });
      return;
    }
    this.finish(active, 'failed', { error: crashReason(code, signal, active.handle.diagnostics(), { memoryLow: freemem() < totalmem() / 10 }) });
  }

  private armKill(active: ActiveRun, afterMs: number): void {
    if (active.killTimer) return;
    active.killTimer = setTimeout(() => active.handle.kill(), afterMs);
  }

  private clearProgressTimer(active: ActiveRun): void {
    if (active.progressTimer) clearTimeout(active.progressTimer);
    active.progressTimer = null;
  }

  /** A run's bookkeeping failing (say, the disk is full) fails that run, not the queue. */
  private guard(active: ActiveRun, work: () => void): void {
    try {
      work();
    } catch (error) {
      if (active.outcome === null) {
        try {
          this.finish(active, 'failed', { error: `Could not record the run: ${(error as Error).message}` });
        } catch {
          active.outcome = 'failed';
        }
        active.handle.kill();
      }
    }
  }

  private update(runId: number, update: RunUpdate): RunSummary {
    const run = this.store.updateRun(runId, update);
    this.emit({ type: 'run-updated', run });
    return run;
  }

  private localActiveCount(): number {
    let count = 0;
    for (const active of this.active.values()) if (!active.external) count += 1;
    return count;
  }

  private isIdle(): boolean {
    return this.active.size === 0 && this.pending.length === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}

function validConcurrency(concurrency: number): number {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`Concurrency must be a whole number >= 1, got ${concurrency}`);
  return concurrency;
}
