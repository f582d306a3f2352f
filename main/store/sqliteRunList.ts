import type { Database, Statement } from 'better-sqlite3';
import { runConfigSchema, type RunConfig } from '../../shared/config/runConfig.js';
import { describeDataset, describeModel, describeOptimizer } from '../../shared/runs/describeRun.js';
import { backendLabel, backendSummary, type BackendInfo } from '../../shared/training/backendInfo.js';
import { defaultRunSort, type RunFacets, type RunGroupSummary, type RunListItem, type RunPage, type RunQuery, type RunQueryFilter, type RunSort, type RunColumnKey, type RunColumnValue } from '../../shared/runs/runQuery.js';
import { metricKeys, resumableStatuses, type RunProgress, type RunStatus } from '../../shared/runs/runTypes.js';
import { fieldValue, jsonPath, orderClause, whereClause } from './runListSql.js';

interface ListRow {
  id: number;
  name: string;
  status: string;
  created_at: string;
  progress: string | null;
  dataset_label: string;
  model_label: string;
  optimizer_label: string;
  tags: string;
  has_notes: number;
  backend: string | null;
  checkpoint_epoch: number | null;
  experiment_id: number | null;
  test_accuracy: number | null;
  loss: number | null;
}

/** The descriptions the runs table shows of a config's dataset, model and optimizer. */
export function runLabels(config: Pick<RunConfig, 'dataset' | 'model' | 'optimizer'>): { dataset: string; model: string; optimizer: string } {
  return { dataset: describeDataset(config.dataset), model: describeModel(config.model), optimizer: describeOptimizer(config.optimizer) };
}

/** What the search box looks in besides the status: id, name and descriptions, lower-cased. */
export function runSearchText(id: number, name: string, labels: { dataset: string; model: string; optimizer: string }): string {
  return `${id} ${name} ${labels.dataset} ${labels.model} ${labels.optimizer}`.toLowerCase();
}

function labelsOfStored(json: string): { dataset: string; model: string; optimizer: string } {
  const raw: unknown = JSON.parse(json);
  const parsed = runConfigSchema.safeParse(raw);
  if (parsed.success) return runLabels(parsed.data);
  // A config the current schema refuses still gets descriptions, as far as they can be made.
  try {
    return runLabels(raw as RunConfig);
  } catch {
    return { dataset: '?', model: '?', optimizer: '?' };
  }
}

/**
 * The runs list read in SQL (migration 008): pages of list items, the ids of every matching run,
 * counts and distinct values, and group summaries; filters and orders come from `runListSql.ts`.
 */
export class SqliteRunList {
  private readonly selectUnlabelled: Statement;
  private readonly writeLabels: Statement;
  private readonly selectPage: Statement;

  constructor(private readonly db: Database) {
    this.selectUnlabelled = db.prepare(
      'SELECT id, name, config FROM runs WHERE dataset_label IS NULL OR model_label IS NULL OR optimizer_label IS NULL OR search_text IS NULL LIMIT 1000',
    );
    this.selectPage = db.prepare(
      `SELECT runs.id, runs.name, runs.status, runs.created_at, runs.progress, runs.dataset_label, runs.model_label, runs.optimizer_label,
              runs.tags, runs.notes <> '' AS has_notes, json_extract(runs.checkpoint, '$.epoch') AS checkpoint_epoch, runs.experiment_id, runs.backend,
              (SELECT value FROM latest_epoch_metrics WHERE run_id = runs.id AND key = ?) AS test_accuracy,
              coalesce((SELECT value FROM latest_epoch_metrics WHERE run_id = runs.id AND key = ?),
                       (SELECT value FROM latest_epoch_metrics WHERE run_id = runs.id AND key = ?)) AS loss
       FROM runs WHERE runs.id IN (SELECT value FROM json_each(?))`,
    );
    this.writeLabels = db.prepare('UPDATE runs SET dataset_label = ?, model_label = ?, optimizer_label = ?, search_text = ? WHERE id = ?');
  }

  /** Writes the search text of a run just created (its descriptions are written with it). */
  writeSearchText(id: number, name: string, labels: { dataset: string; model: string; optimizer: string }): void {
    this.writeLabels.run(labels.dataset, labels.model, labels.optimizer, runSearchText(id, name, labels), id);
  }

  /** Writes the descriptions of runs stored without them (older databases, imported runs). */
  fillMissingLabels(): void {
    for (;;) {
      const rows = this.selectUnlabelled.all() as { id: number; name: string; config: string }[];
      if (rows.length === 0) return;
      this.db.transaction(() => {
        for (const row of rows) {
          const labels = labelsOfStored(row.config);
          this.writeLabels.run(labels.dataset, labels.model, labels.optimizer, runSearchText(row.id, row.name, labels), row.id);
        }
      })();
    }
  }

  page(query: RunQuery): RunPage {
    this.fillMissingLabels();
    const where = whereClause(query.filter);
    const order = orderClause(query.sort);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM runs ${where.sql}`).get(...where.params) as { n: number }).n;
    // The page's ids first (sorting only the sort key), then the columns of those runs alone.
    const ids = this.db
      .prepare(`SELECT runs.id FROM runs ${order.join} ${where.sql} ${order.sql} LIMIT ? OFFSET ?`)
      .raw(true)
      .all(...order.joinParams, ...where.params, ...order.params, query.limit, query.offset) as [number][];
    const byId = new Map(
      (
        this.selectPage.all(metricKeys.testAccuracy, metricKeys.testLoss, metricKeys.trainLoss, JSON.stringify(ids.map((r) => r[0]))) as ListRow[]
      ).map((row) => [row.id, row]),
    );
    const rows = ids.map(([id]) => byId.get(id)).filter((row): row is ListRow => row !== undefined);
    const items = rows.map(toListItem);
    if (query.columns.length > 0) {
      const extra = this.columnValues(query.columns, ids.map((r) => r[0]));
      for (const item of items) item.extra = extra.get(item.id) ?? {};
    }
    return { offset: query.offset, total, rows: items };
  }

  /** The custom columns' values of the page's runs alone (a config field's JSON value, or a latest epoch metric). */
  private columnValues(columns: readonly RunColumnKey[], ids: readonly number[]): Map<number, Record<string, RunColumnValue>> {
    const parts = columns.map((key) =>
      key.startsWith('metric:')
        ? { sql: '(SELECT value FROM latest_epoch_metrics WHERE run_id = runs.id AND key = ?)', params: [key.slice('metric:'.length)] }
        : { sql: `json_extract(runs.config, ?)`, params: [jsonPath(key)] },
    );
    const rows = this.db
      .prepare(`SELECT runs.id, ${parts.map((p) => p.sql).join(', ')} FROM runs WHERE runs.id IN (SELECT value FROM json_each(?))`)
      .raw(true)
      .all(...parts.flatMap((p) => p.params), JSON.stringify(ids)) as [number, ...RunColumnValue[]][];
    return new Map(rows.map(([id, ...values]) => [id, Object.fromEntries(columns.map((key, i) => [key, values[i] ?? null]))]));
  }

  /** The ids of the runs matching `filter`, in the given order (newest first by default), at most `limit`. */
  ids(filter: RunQueryFilter, sort: RunSort = defaultRunSort, limit = 10_000): number[] {
    this.fillMissingLabels();
    const where = whereClause(filter);
    const order = orderClause(sort);
    const rows = this.db
      .prepare(`SELECT runs.id FROM runs ${order.join} ${where.sql} ${order.sql} LIMIT ?`)
      .raw(true)
      .all(...order.joinParams, ...where.params, ...order.params, limit) as [number][];
    return rows.map((r) => r[0]);
  }

  facets(filter: RunQueryFilter): RunFacets {
    this.fillMissingLabels();
    const where = whereClause(filter);
    const matching = `SELECT * FROM runs ${where.sql}`;
    const statuses: Partial<Record<RunStatus, number>> = {};
    let total = 0;
    for (const row of this.db.prepare(`SELECT status, count(*) AS n FROM (${matching}) GROUP BY status`).all(...where.params) as { status: RunStatus; n: number }[]) {
      statuses[row.status] = row.n;
      total += row.n;
    }
    const distinct = (expression: string): string[] =>
      (this.db.prepare(`SELECT DISTINCT ${expression} AS v FROM runs ${where.sql} ORDER BY v`).raw(true).all(...where.params) as [unknown][])
        .map((r) => r[0])
        .filter((v): v is string => typeof v === 'string' && v.length > 0);
    const tags = (this.db.prepare(`SELECT DISTINCT tag.value FROM runs, json_each(runs.tags) AS tag ${where.sql} ORDER BY tag.value`).raw(true).all(...where.params) as [string][]).map(
      (r) => r[0],
    );
    return {
      total,
      statuses,
      datasets: distinct(`json_extract(runs.config, '$.dataset.kind')`),
      models: distinct(`json_extract(runs.config, '$.model.kind')`),
      optimizers: distinct(`json_extract(runs.config, '$.optimizer.type')`),
      tags,
    };
  }

  /**
   * The matching runs grouped by one field's value (runs without it form the group "—"), largest
   * group first, each with the mean, std (n − 1), min and max of its completed runs' latest test
   * accuracy and loss (test loss, else training loss).
   */
  groups(filter: RunQueryFilter, field: string): RunGroupSummary[] {
    const where = whereClause(filter);
    const value = fieldValue(field);
    const rows = this.db
      .prepare(
        `WITH matching AS (
           SELECT runs.id, runs.status, ${value.sql} AS value, typeof(${value.sql}) AS type,
                  (SELECT value FROM latest_epoch_metrics WHERE run_id = runs.id AND key = ?) AS accuracy,
                  coalesce((SELECT value FROM latest_epoch_metrics WHERE run_id = runs.id AND key = ?),
                           (SELECT value FROM latest_epoch_metrics WHERE run_id = runs.id AND key = ?)) AS loss
           FROM runs ${where.sql}
         ), done AS (
           SELECT *, CASE WHEN status = 'completed' THEN accuracy END AS a, CASE WHEN status = 'completed' THEN loss END AS l FROM matching
         )
         SELECT value, type, count(*) AS runs, sum(status = 'completed') AS completed,
                count(a) AS a_n, avg(a) AS a_mean, min(a) AS a_min, max(a) AS a_max, sum(a * a) AS a_sq,
                count(l) AS l_n, avg(l) AS l_mean, min(l) AS l_min, max(l) AS l_max, sum(l * l) AS l_sq,
                group_concat(id, ',' ORDER BY id DESC) AS ids
         FROM done GROUP BY value ORDER BY count(*) DESC, value`,
      )
      .all(...value.params, ...value.params, metricKeys.testAccuracy, metricKeys.testLoss, metricKeys.trainLoss, ...where.params) as GroupRow[];
    return rows.map((row) => ({
      key: groupKey(row.value, row.type, field),
      runs: row.runs,
      completed: row.completed,
      accuracy: stats(row.a_n, row.a_mean, row.a_min, row.a_max, row.a_sq),
      loss: stats(row.l_n, row.l_mean, row.l_min, row.l_max, row.l_sq),
      runIds: String(row.ids).split(',').map(Number),
    }));
  }
}

interface GroupRow {
  value: unknown;
  type: string;
  runs: number;
  completed: number;
  a_n: number;
  a_mean: number | null;
  a_min: number | null;
  a_max: number | null;
  a_sq: number | null;
  l_n: number;
  l_mean: number | null;
  l_min: number | null;
  l_max: number | null;
  l_sq: number | null;
  ids: string;
}

function stats(n: number, mean: number | null, min: number | null, max: number | null, sumOfSquares: number | null) {
  if (n === 0 || mean === null || min === null || max === null || sumOfSquares === null) return null;
  const variance = n > 1 ? Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1)) : 0;
  return { mean, std: Math.sqrt(variance), min, max, n };
}

/** A group's name: text as it is, other values as JSON (as the runs' fields read in JavaScript). */
function groupKey(value: unknown, type: string, field: string): string {
  if (value === null || value === undefined) return field === 'experimentId' ? 'null' : '—';
  if (type === 'text') return String(value);
  return JSON.stringify(value);
}

function toListItem(row: ListRow): RunListItem {
  const status = row.status as RunStatus;
  return {
    id: row.id,
    name: row.name,
    status,
    createdAt: row.created_at,
    progress: row.progress === null ? null : (JSON.parse(row.progress) as RunProgress),
    dataset: row.dataset_label,
    model: row.model_label,
    optimizer: row.optimizer_label,
    tags: JSON.parse(row.tags) as string[],
    hasNotes: row.has_notes === 1,
    testAccuracy: row.test_accuracy,
    loss: row.loss,
    resumableEpoch: resumableStatuses.includes(status) ? row.checkpoint_epoch : null,
    experimentId: row.experiment_id,
    ...backendOfRow(row.backend),
  };
}

/** The backend column: its label (`webgpu · llvmpipe (software)`) and, when the run did not get the backend it asked for, why. */
function backendOfRow(json: string | null): Pick<RunListItem, 'backend' | 'backendNote'> {
  const info = json === null ? null : (JSON.parse(json) as BackendInfo);
  return { backend: info ? backendLabel(info) : null, backendNote: info?.fallbackReason ? backendSummary(info) : null };
}
