import type { OptlabApi } from '../../../shared/api/contract.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';
import { errorMessage } from '../lib/errorMessage.js';
import { EventOrder } from './eventOrder.js';

/** Every run, newest first, kept current by `run-updated` events. */
export class RunsStore {
  runs = $state.raw<RunSummary[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  readonly #api: OptlabApi;
  readonly #order = new EventOrder();

  constructor(api: OptlabApi) {
    this.#api = api;
  }

  /** Loads the list and follows updates; returns the function that stops following. */
  start(): () => void {
    const unsubscribe = this.#api.onEvent((event) => {
      if (event.type === 'resync') return void this.reload();
      if (event.type !== 'run-updated') return;
      this.#order.event(event.run.id);
      this.upsert(event.run);
    });
    void this.reload();
    return unsubscribe;
  }

  async reload(): Promise<void> {
    try {
      const runs = await this.#api.listRuns({});
      this.runs = [...runs].sort((a, b) => b.id - a.id);
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.loaded = true;
    }
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
    if (this.#order.replyIsCurrent(run.id, mark)) this.upsert(run);
    return run;
  }

  async cancel(id: number): Promise<void> {
    await this.applyReply(() => this.#api.cancelRun({ id }));
  }
}
