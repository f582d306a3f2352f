import type { OptlabApi } from '../../../shared/api/contract.js';
import { defaultRunSort, runColumnValue, runListItem, type RunColumnKey, type RunListItem, type RunQueryFilter, type RunsSortColumn, type RunSort } from '../../../shared/runs/runQuery.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';
import { errorMessage } from '../ui/errorMessage.js';

/** Rows read per request; pages around the visible rows are read ahead so scrolling finds them. */
export const runsPageSize = 200;
/** Rows read ahead of and behind the visible ones. */
const readAhead = 150;

/** Which runs the actions apply to: ticked ones, or every run matching a filter ("select all matching"). */
export type RunSelection = { kind: 'ids'; ids: number[] } | { kind: 'matching'; filter: RunQueryFilter; count: number };

/** The filter an action sends for a selection. */
export function selectionFilter(selection: RunSelection): RunQueryFilter {
  return selection.kind === 'ids' ? { ids: selection.ids } : selection.filter;
}

export function selectionCount(selection: RunSelection): number {
  return selection.kind === 'ids' ? selection.ids.length : selection.count;
}

/**
 * The runs table's data: the runs matching the filter in the chosen order, read from the services a
 * page at a time (filter and order are applied in SQL), and the selection.
 */
export class RunsTableView {
  query = $state('');
  sort = $state<RunSort>(defaultRunSort);
  /** Custom columns (config fields, latest epoch metrics), read with each page. */
  columns = $state<RunColumnKey[]>([]);
  /** How many runs match; null before the first page arrived. */
  total = $state<number | null>(null);
  error = $state<string | null>(null);
  selection = $state.raw<RunSelection>({ kind: 'ids', ids: [] });
  /** The pages read so far, by page number; replaced (not mutated) when one arrives. */
  pages = $state.raw<Map<number, RunListItem[]>>(new Map());

  readonly #api: OptlabApi;
  readonly #filter: () => RunQueryFilter;
  #generation = 0;
  #pending = new Set<number>();
  #visible: [number, number] = [0, 0];
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(api: OptlabApi, filter: () => RunQueryFilter) {
    this.#api = api;
    this.#filter = filter;
  }

  /** The filter of the search box and the filter bar together. */
  currentFilter(): RunQueryFilter {
    const text = this.query.trim();
    return { ...this.#filter(), ...(text ? { text } : {}) };
  }

  rowAt(index: number): RunListItem | undefined {
    return this.pages.get(Math.floor(index / runsPageSize))?.[index % runsPageSize];
  }

  get sortKey(): RunSort['by'] {
    return this.sort.by;
  }

  get descending(): boolean {
    return this.sort.descending;
  }

  /**
   * Reads the list again from its first page (the filter or the order changed). The rows shown stay
   * until the new ones arrive, so the table never goes blank.
   */
  async reset(): Promise<void> {
    const generation = ++this.#generation;
    this.#pending.clear();
    const pages = [...new Set([0, ...this.#pagesAround(0, Math.max(0, this.#visible[1] - this.#visible[0]))])];
    await this.#read(pages, generation, true);
  }

  /** Reads the pages the visible rows (and those around them) are on, when not read yet. */
  showRange(first: number, last: number): void {
    this.#visible = [first, last];
    const wanted = this.#pagesAround(first, last).filter((page) => !this.pages.has(page) && !this.#pending.has(page));
    if (wanted.length > 0) void this.#read(wanted, this.#generation, false);
  }

  /** Reads the visible pages again soon (runs changed); several changes close together read once. */
  refreshSoon(delayMs = 400): void {
    if (this.#refreshTimer !== null) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.#read(this.#pagesAround(...this.#visible), this.#generation, true);
    }, delayMs);
  }

  /** Shows a changed run at once where it is listed (the next refresh puts it where it now belongs). */
  patch(run: RunSummary): void {
    for (const [page, rows] of this.pages) {
      const index = rows.findIndex((r) => r.id === run.id);
      if (index < 0) continue;
      const next = [...rows];
      next[index] = { ...runListItem(run), extra: Object.fromEntries(this.columns.map((key) => [key, runColumnValue(run, key)])) };
      this.pages = new Map(this.pages).set(page, next);
      return;
    }
  }

  stop(): void {
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
    this.#generation++;
  }

  #pagesAround(first: number, last: number): number[] {
    const from = Math.max(0, Math.floor((first - readAhead) / runsPageSize));
    const to = Math.max(from, Math.floor((last + readAhead) / runsPageSize));
    const limit = this.total === null ? to : Math.min(to, Math.max(0, Math.ceil(this.total / runsPageSize) - 1));
    return Array.from({ length: Math.max(0, limit - from + 1) }, (_, i) => from + i);
  }

  async #read(pages: number[], generation: number, replace: boolean): Promise<void> {
    const filter = this.currentFilter();
    const sort = $state.snapshot(this.sort) as RunSort;
    const columns = $state.snapshot(this.columns) as RunColumnKey[];
    for (const page of pages) this.#pending.add(page);
    try {
      const results = await Promise.all(pages.map((page) => this.#api.queryRuns({ filter, sort, columns, offset: page * runsPageSize, limit: runsPageSize })));
      if (generation !== this.#generation) return;
      const next = replace ? new Map<number, RunListItem[]>() : new Map(this.pages);
      if (replace) {
        // Keep the pages not read again only when the list did not change length (a refresh).
        const sameLength = results[0]?.total === this.total;
        if (sameLength) for (const [page, rows] of this.pages) if (!pages.includes(page)) next.set(page, rows);
      }
      results.forEach((result, i) => next.set(pages[i], result.rows));
      this.pages = next;
      this.total = results[0]?.total ?? this.total;
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = errorMessage(error);
    } finally {
      for (const page of pages) this.#pending.delete(page);
    }
  }

  isSelected(id: number): boolean {
    return this.selection.kind === 'matching' || this.selection.ids.includes(id);
  }

  async toggleSelected(id: number): Promise<void> {
    if (this.selection.kind === 'matching') {
      // Unticking one run of "all matching" leaves the others ticked: their ids come from SQL.
      const ids = await this.#api.listRunIds({ filter: this.selection.filter, sort: $state.snapshot(this.sort) as RunSort });
      this.selection = { kind: 'ids', ids: ids.filter((other) => other !== id) };
      return;
    }
    const ids = this.selection.ids;
    this.selection = { kind: 'ids', ids: ids.includes(id) ? ids.filter((s) => s !== id) : [...ids, id] };
  }

  /** Selects every run matching the current filter, on every page. */
  selectAllMatching(): void {
    this.selection = { kind: 'matching', filter: this.currentFilter(), count: this.total ?? 0 };
  }

  clearSelection(): void {
    this.selection = { kind: 'ids', ids: [] };
  }

  /** Adds a custom column (once). */
  addColumn(key: RunColumnKey): void {
    if (!this.columns.includes(key)) this.columns = [...this.columns, key];
  }

  removeColumn(key: RunColumnKey): void {
    this.columns = this.columns.filter((c) => c !== key);
    if (this.sort.by === key) this.sort = defaultRunSort;
  }

  /** Sorts by `column`; a second click on the same column reverses the order. */
  sortBy(column: RunsSortColumn | RunColumnKey): void {
    if (this.sort.by === column) this.sort = { by: column, descending: !this.sort.descending };
    else this.sort = { by: column, descending: column === 'id' || column === 'createdAt' || column === 'testAccuracy' };
  }
}
