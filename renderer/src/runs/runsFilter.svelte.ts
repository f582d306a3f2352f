import { runFieldPathPattern, type RunQueryFilter } from '../../../shared/runs/runQuery.js';
import type { RunStatus } from '../../../shared/runs/runTypes.js';

/**
 * Filters of the runs table beyond its search box: status, dataset, optimizer, tag, any config field
 * by dotted path (its value contains the given text), an epoch metric's range; and the field to group
 * the runs by. The services apply them in SQL.
 */
export class RunsFilter {
  status = $state('');
  dataset = $state('');
  optimizer = $state('');
  tag = $state('');
  field = $state('');
  fieldValue = $state('');
  metric = $state('');
  metricMin = $state('');
  metricMax = $state('');
  groupBy = $state('');

  active = $derived(
    Boolean(this.status || this.dataset || this.optimizer || this.tag || (this.field && this.fieldValue) || (this.metric && (this.metricMin || this.metricMax))),
  );

  /** The filter as the services take it (fields left empty or unfinished are left out). */
  query = $derived.by((): RunQueryFilter => {
    const filter: RunQueryFilter = {};
    if (this.status) filter.statuses = [this.status as RunStatus];
    if (this.dataset) filter.dataset = this.dataset;
    if (this.optimizer) filter.optimizer = this.optimizer;
    if (this.tag) filter.tag = this.tag;
    const path = this.field.trim();
    if (runFieldPathPattern.test(path) && this.fieldValue.trim()) filter.field = { path, contains: this.fieldValue.trim() };
    const min = this.metricMin.trim() === '' ? Number.NaN : Number(this.metricMin);
    const max = this.metricMax.trim() === '' ? Number.NaN : Number(this.metricMax);
    if (this.metric.trim() && (Number.isFinite(min) || Number.isFinite(max))) {
      filter.metric = { key: this.metric.trim(), ...(Number.isFinite(min) ? { min } : {}), ...(Number.isFinite(max) ? { max } : {}) };
    }
    return filter;
  });

  /** The field to group by, once it is a whole dotted path. */
  groupField = $derived(runFieldPathPattern.test(this.groupBy.trim()) ? this.groupBy.trim() : '');

  clear(): void {
    this.status = this.dataset = this.optimizer = this.tag = this.field = this.fieldValue = this.metric = this.metricMin = this.metricMax = '';
  }
}
