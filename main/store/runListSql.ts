import { metricKeys } from '../../shared/runs/runTypes.js';
import type { RunQueryFilter, RunSort } from '../../shared/runs/runQuery.js';

/**
 * The SQL of the runs list: a filter as a WHERE clause and an order as an ORDER BY clause over the
 * `runs` table, with their parameters bound positionally (never spliced into the text).
 */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** A dotted config path (`model.hidden.0`) as a JSON path (`$.model.hidden[0]`). */
export function jsonPath(dottedPath: string): string {
  const path = dottedPath.startsWith('config.') ? dottedPath.slice('config.'.length) : dottedPath;
  return `$${path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `."${part}"`))
    .join('')}`;
}

/** A run's own fields that a field filter or grouping may name instead of a config path. */
const ownFields: Record<string, string> = {
  status: 'runs.status',
  name: 'runs.name',
  seed: 'runs.seed',
  tags: 'runs.tags',
  experimentId: 'runs.experiment_id',
};

/** The SQL value of a field: one of the run's own fields or a config field. */
export function fieldValue(field: string): SqlPart {
  const own = ownFields[field];
  return own ? { sql: own, params: [] } : { sql: 'json_extract(runs.config, ?)', params: [jsonPath(field)] };
}

function latestMetric(key: string): SqlPart {
  return { sql: '(SELECT value FROM latest_epoch_metrics WHERE run_id = runs.id AND key = ?)', params: [key] };
}


export function whereClause(filter: RunQueryFilter): SqlPart {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  // The runs of an import still being stored (migration 010) are not shown yet.
  add('runs.import_pending = 0');
  // search_text (migration 009) holds the id, name and descriptions, lower-cased.
  for (const word of (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean)) add(`(instr(runs.search_text, ?) > 0 OR instr(runs.status, ?) > 0)`, word, word);
  if (filter.statuses) add(`runs.status IN (SELECT value FROM json_each(?))`, JSON.stringify(filter.statuses));
  // The same expressions as the indexes of migration 008.
  if (filter.dataset) add(`json_extract(runs.config, '$.dataset.kind') = ?`, filter.dataset);
  if (filter.model) add(`json_extract(runs.config, '$.model.kind') = ?`, filter.model);
  if (filter.optimizer) add(`json_extract(runs.config, '$.optimizer.type') = ?`, filter.optimizer);
  if (filter.tag) add(`EXISTS (SELECT 1 FROM json_each(runs.tags) WHERE value = ?)`, filter.tag);
  if (filter.experimentId !== undefined) add('runs.experiment_id = ?', filter.experimentId);
  if (filter.ids) add('runs.id IN (SELECT value FROM json_each(?))', JSON.stringify(filter.ids));
  if (filter.field && filter.field.contains.trim()) {
    const value = fieldValue(filter.field.path);
    add(`instr(lower(CAST(${value.sql} AS TEXT)), ?) > 0`, ...value.params, filter.field.contains.trim().toLowerCase());
  }
  if (filter.metric) {
    const value = latestMetric(filter.metric.key);
    if (filter.metric.min === undefined && filter.metric.max === undefined) add(`${value.sql} IS NOT NULL`, ...value.params);
    if (filter.metric.min !== undefined) add(`${value.sql} >= ?`, ...value.params, filter.metric.min);
    if (filter.metric.max !== undefined) add(`${value.sql} <= ?`, ...value.params, filter.metric.max);
  }
  return { sql: `WHERE ${conditions.join(' AND ')}`, params };
}

/** What a sort key of the runs' own columns or config sorts by, and whether it can be missing (then those runs come last). */
function sortValue(by: RunSort['by']): SqlPart & { nullable: boolean } {
  switch (by) {
    case 'id':
      return { sql: 'runs.id', params: [], nullable: false };
    case 'name':
      return { sql: 'runs.name COLLATE NOCASE', params: [], nullable: false };
    case 'dataset':
      return { sql: 'runs.dataset_label COLLATE NOCASE', params: [], nullable: false };
    case 'model':
      return { sql: 'runs.model_label COLLATE NOCASE', params: [], nullable: false };
    case 'optimizer':
      return { sql: 'runs.optimizer_label COLLATE NOCASE', params: [], nullable: false };
    case 'status':
      return { sql: 'runs.status', params: [], nullable: false };
    case 'createdAt':
      return { sql: 'runs.created_at', params: [], nullable: false };
    default:
      // config.<path> (the latest metrics sort through joins, in orderClause).
      return { ...fieldValue(by.slice('config.'.length)), nullable: true };
  }
}

/** An ORDER BY clause, and the LEFT JOINs of latest metrics it sorts by (placed after `FROM runs`). */
export interface OrderPart extends SqlPart {
  join: string;
  joinParams: unknown[];
}

/** Sorting by a latest metric joins its rows (one per run and key) instead of a lookup per comparison. */
function metricOrder(keys: string[], direction: string): OrderPart {
  const aliases = keys.map((_, i) => `sort_metric_${i}`);
  const join = aliases.map((alias) => `LEFT JOIN latest_epoch_metrics AS ${alias} ON ${alias}.run_id = runs.id AND ${alias}.key = ?`).join(' ');
  const value = aliases.length === 1 ? `${aliases[0]}.value` : `coalesce(${aliases.map((a) => `${a}.value`).join(', ')})`;
  return { join, joinParams: keys, sql: `ORDER BY ${value} IS NULL, ${value} ${direction}, runs.id DESC`, params: [] };
}

export function orderClause(sort: RunSort): OrderPart {
  const direction = sort.descending ? 'DESC' : 'ASC';
  if (sort.by === 'id') return { join: '', joinParams: [], sql: `ORDER BY runs.id ${direction}`, params: [] };
  if (sort.by === 'testAccuracy') return metricOrder([metricKeys.testAccuracy], direction);
  if (sort.by === 'loss') return metricOrder([metricKeys.testLoss, metricKeys.trainLoss], direction);
  if (sort.by.startsWith('metric:')) return metricOrder([sort.by.slice('metric:'.length)], direction);
  const value = sortValue(sort.by);
  const terms = value.nullable ? [`(${value.sql}) IS NULL`, `${value.sql} ${direction}`] : [`${value.sql} ${direction}`];
  return { join: '', joinParams: [], sql: `ORDER BY ${terms.join(', ')}, runs.id DESC`, params: value.nullable ? [...value.params, ...value.params] : value.params };
}
