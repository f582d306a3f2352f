import type { TrajectoryPoint } from '../../../shared/ml/surfaces/runTrajectory.js';
import { requestKey, type TrajectoryJob, type TrajectoryReply, type TrajectoryRequest } from './trajectoryRequest.js';

/** Thrown for a queued path nobody wants any more (`prune`). */
export class SupersededError extends Error {
  constructor() {
    super('superseded');
  }
}

interface Job {
  jobId: number;
  key: string;
  request: TrajectoryRequest;
  resolve(path: TrajectoryPoint[]): void;
  reject(error: Error): void;
}

/** What the pool needs of a Web Worker (the page's `Worker`; tests and worker-less pages give none). */
export interface TrajectoryWorker {
  postMessage(message: TrajectoryJob): void;
  terminate(): void;
  /** Calls `onReply` with each reply, `onFailure` when the worker cannot run (e.g. its script does not load). */
  listen(onReply: (reply: TrajectoryReply) => void, onFailure: () => void): void;
}

interface Slot {
  worker: TrajectoryWorker;
  job: Job | null;
}

/**
 * Computes optimizer paths in `size` workers made by `createWorker`, remembers the last results by
 * request, and drops queued requests that were replaced before they started. Without workers (none
 * given, or they cannot start) the paths are computed on the calling thread, one at a time.
 */
export class TrajectoryPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  readonly #cache = new Map<string, Promise<TrajectoryPoint[]>>();
  readonly #cacheSize = 200;
  #nextJobId = 1;
  #inline = false;
  #inlineBusy = false;

  constructor(createWorker: (() => TrajectoryWorker) | null, size = 1) {
    if (!createWorker) {
      this.#inline = true;
      return;
    }
    try {
      for (let k = 0; k < size; k++) this.#slots.push(this.#startWorker(createWorker()));
    } catch {
      this.#useInline();
    }
  }

  /** The path of a request; the same request twice is computed once. */
  compute(request: TrajectoryRequest): Promise<TrajectoryPoint[]> {
    const key = requestKey(request);
    const cached = this.#cache.get(key);
    if (cached) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const promise = new Promise<TrajectoryPoint[]>((resolve, reject) => {
      this.#queue.push({ jobId: this.#nextJobId++, key, request, resolve, reject });
    });
    promise.catch(() => this.#cache.get(key) === promise && this.#cache.delete(key));
    this.#cache.set(key, promise);
    while (this.#cache.size > this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#pump();
    return promise;
  }

  /** Drops the queued (not yet started) requests whose keys are not in `wanted`. */
  prune(wanted: Set<string>): void {
    for (let k = this.#queue.length - 1; k >= 0; k--) {
      const job = this.#queue[k];
      if (wanted.has(job.key)) continue;
      this.#queue.splice(k, 1);
      this.#cache.delete(job.key);
      job.reject(new SupersededError());
    }
  }

  dispose(): void {
    for (const slot of this.#slots) slot.worker.terminate();
    this.#slots.length = 0;
    this.prune(new Set());
  }

  #startWorker(worker: TrajectoryWorker): Slot {
    const slot: Slot = { worker, job: null };
    worker.listen(
      (reply) => {
        const job = slot.job;
        slot.job = null;
        if (job && job.jobId === reply.jobId) {
          if ('path' in reply) job.resolve(reply.path);
          else job.reject(new Error(reply.error));
        }
        this.#pump();
      },
      () => {
        // A worker that cannot run: compute on this thread instead, starting with the job it held.
        const job = slot.job;
        slot.job = null;
        if (job) this.#queue.unshift(job);
        this.#useInline();
      },
    );
    return slot;
  }

  #useInline(): void {
    if (this.#inline) return;
    this.#inline = true;
    for (const slot of this.#slots) {
      slot.worker.terminate();
      if (slot.job) this.#queue.unshift(slot.job);
    }
    this.#slots.length = 0;
    this.#pump();
  }

  #pump(): void {
    if (this.#inline) {
      void this.#pumpInline();
      return;
    }
    for (const slot of this.#slots) {
      if (slot.job) continue;
      const job = this.#queue.shift();
      if (!job) return;
      slot.job = job;
      const message: TrajectoryJob = { jobId: job.jobId, request: job.request };
      slot.worker.postMessage(message);
    }
  }

  async #pumpInline(): Promise<void> {
    if (this.#inlineBusy) return;
    this.#inlineBusy = true;
    try {
      const { computeTrajectory } = await import('./computeTrajectory.js');
      for (let job = this.#queue.shift(); job; job = this.#queue.shift()) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        try {
          job.resolve(await computeTrajectory(job.request));
        } catch (error) {
          job.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } finally {
      this.#inlineBusy = false;
      if (this.#queue.length > 0) queueMicrotask(() => void this.#pumpInline());
    }
  }
}
