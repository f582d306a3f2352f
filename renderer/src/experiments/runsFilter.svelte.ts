import { runField } from '../../../shared/experiments/groupRuns.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';

function text(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Filters of the runs table beyond its search box: status, dataset, optimizer, tag, and any config
 * field by dotted path (its value contains the given text); and the field to group the runs by.
 */
export class RunsFilter {
  status = $state('');
  dataset = $state('');
  optimizer = $state('');
  tag = $state('');
  field = $state('');
  fieldValue = $state('');
  groupBy = $state('');

  active = $derived(Boolean(this.status || this.dataset || this.optimizer || this.tag || (this.field && this.fieldValue)));

  apply(runs: readonly RunSummary[]): RunSummary[] {
    return runs.filter(
      (run) =>
        (!this.status || run.status === this.status) &&
        (!this.dataset || run.config.dataset.kind === this.dataset) &&
        (!this.optimizer || run.config.optimizer.type === this.optimizer) &&
        (!this.tag || (run.tags ?? []).includes(this.tag)) &&
        (!this.field.trim() || !this.fieldValue.trim() || text(runField(run, this.field.trim())).toLowerCase().includes(this.fieldValue.trim().toLowerCase())),
    );
  }

  clear(): void {
    this.status = this.dataset = this.optimizer = this.tag = this.field = this.fieldValue = '';
  }
}

/** The distinct values of something over the runs, sorted, for the filter menus. */
export function distinct(runs: readonly RunSummary[], pick: (run: RunSummary) => string | string[]): string[] {
  return [...new Set(runs.flatMap((run) => pick(run)))].filter(Boolean).sort();
}
