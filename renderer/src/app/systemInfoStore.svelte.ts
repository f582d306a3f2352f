import type { OptlabApi, SystemInfo } from '../../../shared/api/contract.js';
import { errorMessage } from '../ui/errorMessage.js';

/** What the services run on: the training backend and device, and the app's mode. */
export class SystemInfoStore {
  info = $state.raw<SystemInfo | null>(null);
  error = $state<string | null>(null);

  readonly #api: OptlabApi;

  constructor(api: OptlabApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    try {
      this.info = await this.#api.getSystemInfo({});
      this.error = null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }
}
