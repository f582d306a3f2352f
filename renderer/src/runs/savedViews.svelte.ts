import { ApiError } from '../../../shared/api/apiError.js';
import type { OptlabApi } from '../../../shared/api/contract.js';
import { runViewFilterFields, type RunView, type StoredRunView } from '../../../shared/runs/runView.js';
import { errorMessage } from '../ui/errorMessage.js';
import type { RunsFilter } from './runsFilter.svelte.js';
import type { RunsTableView } from './runsTableView.svelte.js';

/** Where this browser kept saved views before they were stored in the database. */
export const legacyViewsStorageKey = 'optlab.runs.views';

/** A save that found the name taken: the view to store once the user says to replace the other. */
export interface PendingReplace {
  view: RunView;
  existing: string;
}

/**
 * The runs table's saved views (column set + filter + sort), stored in the database through the
 * API, so every window and browser of the database has them. Views this browser kept in its own
 * storage are imported once, and removed from it only when every one of them is stored.
 */
export class SavedViews {
  views = $state.raw<StoredRunView[]>([]);
  /** What went wrong reading or importing views (shown beside the menu). */
  problem = $state<string | null>(null);
  /** What importing the views of this browser's storage did (shown once). */
  imported = $state<string | null>(null);

  readonly #api: OptlabApi;

  constructor(api: OptlabApi) {
    this.#api = api;
  }

  /** Imports the views this browser kept (once), then reads the stored ones. */
  async load(): Promise<void> {
    await this.#importLegacy();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      const list = await this.#api.listRunViews({});
      this.views = list.views;
      if (list.unreadable.length > 0) this.problem = `Some saved views could not be read: ${list.unreadable.map((u) => `"${u.name}" (${u.message})`).join(', ')}`;
    } catch (error) {
      this.problem = `The saved views could not be read: ${errorMessage(error)}`;
    }
  }

  /** The table's current columns, filter and sort as a view of this name. */
  capture(name: string, view: RunsTableView, filter: RunsFilter): RunView {
    return {
      name,
      columns: $state.snapshot(view.columns),
      query: view.query,
      filter: Object.fromEntries(runViewFilterFields.map((f) => [f, filter[f]])) as RunView['filter'],
      sort: $state.snapshot(view.sort),
    };
  }

  /** Stores a view; with the name taken and `replace` false, returns what to ask instead of storing. */
  async save(view: RunView, replace = false): Promise<StoredRunView | PendingReplace> {
    try {
      const saved = await this.#api.saveRunView({ view, replace });
      await this.refresh();
      return saved;
    } catch (error) {
      if (!replace && error instanceof ApiError && error.code === 'conflict') {
        const existing = this.views.find((v) => v.name.toLowerCase() === view.name.trim().toLowerCase())?.name ?? view.name.trim();
        return { view, existing };
      }
      throw error;
    }
  }

  async rename(name: string, to: string): Promise<StoredRunView> {
    const renamed = await this.#api.renameRunView({ name, to });
    await this.refresh();
    return renamed;
  }

  async remove(name: string): Promise<void> {
    await this.#api.deleteRunView({ name });
    await this.refresh();
  }

  /** Puts a view's columns, filter and sort on the table. */
  apply(saved: RunView, view: RunsTableView, filter: RunsFilter): void {
    for (const f of runViewFilterFields) filter[f] = saved.filter[f];
    view.query = saved.query;
    view.columns = [...saved.columns];
    view.sort = { ...saved.sort };
  }

  async #importLegacy(): Promise<void> {
    let text: string | null | undefined;
    try {
      text = globalThis.localStorage?.getItem(legacyViewsStorageKey);
    } catch {
      return;
    }
    if (!text) return;
    let entries: unknown;
    try {
      entries = JSON.parse(text);
    } catch {
      this.problem = `The views this browser kept could not be read (not JSON); they are left in its storage under "${legacyViewsStorageKey}".`;
      return;
    }
    if (!Array.isArray(entries)) {
      this.problem = `The views this browser kept could not be read (not a list); they are left in its storage under "${legacyViewsStorageKey}".`;
      return;
    }
    try {
      const result = await this.#api.importRunViews({ views: entries });
      if (result.refused.length === 0) globalThis.localStorage?.removeItem(legacyViewsStorageKey);
      else {
        // Only what could not be stored stays in this browser, so nothing saved is lost.
        globalThis.localStorage?.setItem(legacyViewsStorageKey, JSON.stringify(result.refused.map((r) => entries[r.index])));
        this.problem = `${result.refused.length} view(s) this browser kept could not be stored (${result.refused.map((r) => r.message).join('; ')}); they are left in its storage.`;
      }
      if (result.imported.length > 0) {
        const renamed = result.imported.filter((i) => i.as !== i.name).map((i) => `"${i.name}" as "${i.as}"`);
        this.imported = `Moved ${result.imported.length} saved view(s) from this browser into the database${renamed.length > 0 ? ` (${renamed.join(', ')}, as the name was taken)` : ''}.`;
      }
    } catch (error) {
      this.problem = `The views this browser kept could not be moved into the database (${errorMessage(error)}); they are left in its storage.`;
    }
  }
}
