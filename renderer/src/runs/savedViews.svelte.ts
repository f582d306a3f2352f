import { z } from 'zod';
import { runColumnKeySchema, runSortSchema } from '../../../shared/runs/runQuery.js';
import type { RunsFilter } from './runsFilter.svelte.js';
import type { RunsTableView } from './runsTableView.svelte.js';

/** The runs filter's fields a view keeps (the menus and boxes of the filter bar, and the group-by field). */
const filterFields = ['status', 'dataset', 'optimizer', 'tag', 'field', 'fieldValue', 'metric', 'metricMin', 'metricMax', 'groupBy'] as const;

export const savedViewSchema = z.strictObject({
  name: z.string().trim().min(1, 'a view needs a name').max(80),
  columns: z.array(runColumnKeySchema).max(20),
  /** The search box's words. */
  query: z.string().max(500),
  filter: z.strictObject(Object.fromEntries(filterFields.map((f) => [f, z.string().max(500)])) as Record<(typeof filterFields)[number], z.ZodString>),
  sort: runSortSchema,
});
export type SavedView = z.infer<typeof savedViewSchema>;

const storageKey = 'optlab.runs.views';
const viewsSchema = z.array(savedViewSchema).max(100);

/**
 * Saved views of the runs table (column set + filter + sort), kept in the app's storage under a
 * name; what is read back is validated (a damaged entry is reported and ignored, never half applied).
 */
export class SavedViews {
  views = $state.raw<SavedView[]>([]);
  problem = $state<string | null>(null);

  constructor() {
    try {
      const text = globalThis.localStorage?.getItem(storageKey);
      if (!text) return;
      const parsed = viewsSchema.safeParse(JSON.parse(text));
      if (parsed.success) this.views = parsed.data;
      else this.problem = `The saved views could not be read (${parsed.error.issues[0]?.message ?? 'invalid'}); saving a view replaces them.`;
    } catch {
      this.problem = 'The saved views could not be read; saving a view replaces them.';
    }
  }

  /** Saves the table's current columns, filter and sort under a name (replacing a view of that name). */
  save(name: string, view: RunsTableView, filter: RunsFilter): SavedView {
    const saved = savedViewSchema.parse({
      name,
      columns: $state.snapshot(view.columns),
      query: view.query,
      filter: Object.fromEntries(filterFields.map((f) => [f, filter[f]])),
      sort: $state.snapshot(view.sort),
    });
    this.views = [...this.views.filter((v) => v.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name));
    this.#store();
    return saved;
  }

  /** Puts a view's columns, filter and sort on the table. */
  apply(saved: SavedView, view: RunsTableView, filter: RunsFilter): void {
    for (const f of filterFields) filter[f] = saved.filter[f];
    view.query = saved.query;
    view.columns = [...saved.columns];
    view.sort = { ...saved.sort };
  }

  remove(name: string): void {
    this.views = this.views.filter((v) => v.name !== name);
    this.#store();
  }

  #store(): void {
    try {
      globalThis.localStorage?.setItem(storageKey, JSON.stringify(this.views));
      this.problem = null;
    } catch {
      this.problem = 'The views could not be stored (storage full or disabled): they last until the page closes.';
    }
  }
}
