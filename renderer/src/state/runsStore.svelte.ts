import type { OptlabApi } from '../../../shared/api/contract.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';
import { errorMessage } from '../lib/errorMessage.js';

/** Every run, newest first, kept current by `run-updated` events. */
export class RunsStore {
  runs = $state.raw<RunSummary[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  readonly #api: OptlabApi;

  constructor(api: OptlabApi) {
    this.#api = api;
  }

  /** Loads the list and follows updates; returns the function that stops following. */
  start(): () => void {
    const unsubscribe = this.#api.onEvent((event) => {
      if (event.type === 'run-updated') this.upsert(event.run);
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

  async cancel(id: number): Promise<void> {
    this.upsert(await this.#api.cancelRun({ id }));
  }
}
