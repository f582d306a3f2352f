import type { ModelDescription, OptlabApi } from '../../../../shared/api/contract.js';
import { errorMessage } from '../../ui/errorMessage.js';

/**
 * The description of the model chosen on the New Run form, fetched from the services when the
 * model or dataset config changes (after a pause, the latest request wins).
 */
export class ModelDescriptionLoader {
  description = $state.raw<ModelDescription | null>(null);
  error = $state('');
  loading = $state(false);

  #requested = '';
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly api: OptlabApi) {}

  request(model: Record<string, unknown>, dataset: Record<string, unknown>, delayMs = 200): void {
    const key = JSON.stringify([model, dataset]);
    if (key === this.#requested) return;
    this.#requested = key;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.loading = true;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.api.describeModel({ model: model as never, dataset: dataset as never }).then(
        (description) => {
          if (this.#requested !== key) return;
          this.description = description;
          this.error = '';
          this.loading = false;
        },
        (error: unknown) => {
          if (this.#requested !== key) return;
          this.description = null;
          this.error = errorMessage(error);
          this.loading = false;
        },
      );
    }, delayMs);
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
  }
}
