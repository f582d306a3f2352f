import type { OptlabApi } from '../../../shared/api/contract.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';
import { EventOrder } from './eventOrder.js';

/**
 * The runs pages have asked for in full (config included), kept current by `run-updated` events.
 * It does not hold every run: the runs table reads pages of summaries (`queryRuns`); pages that need
 * a run's config ask for it with `ensure`.
 */
export class RunsStore {
  /** The known runs, newest first. */
  runs = $state.raw<RunSummary[]>([]);
  /** Counts every change to any run (events), so lists can read again. */
  changes = $state(0);
  /** Counts the changes of a run's status (started, finished, deleted), for views of status counts. */
  statusChanges = $state(0);

  readonly #api: OptlabApi;
  readonly #order = new EventOrder();
  readonly #listeners = new Set<(run: RunSummary) => void>();
  readonly #lastStatus = new Map<number, string>();

  constructor(api: OptlabApi) {
    this.#api = api;
  }

  /** Follows updates; returns the function that stops following. */
  start(): () => void {
    return this.#api.onEvent((event) => {
      if (event.type === 'run-updated') {
        this.#order.event(event.run.id);
        if (this.runs.some((r) => r.id === event.run.id)) this.upsert(event.run);
        for (const listener of this.#listeners) listener(event.run);
        this.changes++;
        if (this.#lastStatus.get(event.run.id) !== event.run.status) {
          this.#lastStatus.set(event.run.id, event.run.status);
          this.statusChanges++;
        }
      } else if (event.type === 'runs-changed' || event.type === 'resync') {
        void this.reload();
        this.changes++;
        this.statusChanges++;
      }
    });
  }

  /** Calls `listener` with every run an event reports changed; returns the function that stops. */
  onRunUpdated(listener: (run: RunSummary) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get(id: number): RunSummary | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** Reads the runs of `ids` that are not known yet. */
  async ensure(ids: readonly number[]): Promise<void> {
    const missing = ids.filter((id) => !this.runs.some((r) => r.id === id));
    for (let i = 0; i < missing.length; i += 1000) {
      const runs = await this.#api.getRuns({ ids: missing.slice(i, i + 1000) });
      for (const run of runs) this.upsert(run);
    }
  }

  /** Reads the known runs again (deleted ones are dropped). */
  async reload(): Promise<void> {
    const ids = this.runs.map((r) => r.id);
    const fresh: RunSummary[] = [];
    for (let i = 0; i < ids.length; i += 1000) fresh.push(...(await this.#api.getRuns({ ids: ids.slice(i, i + 1000) })));
    this.runs = fresh.sort((a, b) => b.id - a.id);
  }

  upsert(run: RunSummary): void {
    const others = this.runs.filter((r) => r.id !== run.id);
    this.runs = [run, ...others].sort((a, b) => b.id - a.id);
  }

  /**
   * Sends a request that returns a run and shows that run, unless an event about it arrived while the
   * request was under way: the event is newer (a run cancelled, say, before the reply to `cancelRun`).
   */
  async applyReply(send: () => Promise<RunSummary>): Promise<RunSummary> {
    const mark = this.#order.mark();
    const run = await send();
    if (this.#order.replyIsCurrent(run.id, mark)) {
      this.upsert(run);
      for (const listener of this.#listeners) listener(run);
    }
    return run;
  }

  async cancel(id: number): Promise<void> {
    await this.applyReply(() => this.#api.cancelRun({ id }));
  }
}
