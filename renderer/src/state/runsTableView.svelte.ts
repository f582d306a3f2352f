import type { RunSummary } from '../../../shared/runs/runTypes.js';
import { filterRuns, sortRuns, type RunsSortKey } from '../lib/runsTable.js';

/** What the runs table shows: the runs filtered by the search box, in the order of the chosen column. */
export class RunsTableView {
  query = $state('');
  sortKey = $state<RunsSortKey>('id');
  descending = $state(true);
  /** Runs ticked for comparison, in the order they were ticked. */
  selected = $state<number[]>([]);

  rows = $derived.by(() => sortRuns(filterRuns(this.#source(), this.query), { key: this.sortKey, descending: this.descending }));

  readonly #source: () => RunSummary[];

  constructor(source: () => RunSummary[]) {
    this.#source = source;
  }

  isSelected(id: number): boolean {
    return this.selected.includes(id);
  }

  toggleSelected(id: number): void {
    this.selected = this.isSelected(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
  }

  /** Sorts by `key`; a second click on the same column reverses the order. */
  sortBy(key: RunsSortKey): void {
    if (this.sortKey === key) this.descending = !this.descending;
    else {
      this.sortKey = key;
      this.descending = key === 'id' || key === 'createdAt' || key === 'testAccuracy';
    }
  }
}
