import type { Database, Statement } from 'better-sqlite3';
import { runConfigSchema, type RunConfig } from '../../shared/config/runConfig.js';
import { downsampleLttb } from '../../shared/metrics/downsample.js';
import type { BackendInfo, MetricPoint, MetricSeries, RunCheckpoint, RunProgress, RunStatus, RunSummary } from '../../shared/runs/runTypes.js';
import { openDatabase, type OpenDatabaseOptions } from './openDatabase.js';
import type { MetricQuery, NewRun, RunFilter, RunStore, RunUpdate } from './runStore.js';
import type { RunFacets, RunGroupSummary, RunPage, RunQuery, RunQueryFilter, RunSort } from '../../shared/runs/runQuery.js';
import { runSideTables, tableColumns } from './runSideTables.js';
import type { RunRow } from './runRow.js';
import { runLabels, SqliteRunList } from './sqliteRunList.js';

type SeriesPoint = MetricSeries['points'][number];

/** Steps per row of `metric_buckets` (migration 007): each keeps the lowest and highest point. */
const bucketSteps = 16;
type SeriesRow = [step: number, epoch: number, value: number | null, time: number];

const updateColumns: Record<keyof RunUpdate, string> = {
  status: 'status',
  progress: 'progress',
  backend: 'backend',
  error: 'error',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  tags: 'tags',
  notes: 'notes',
  checkpoint: 'checkpoint',
};

/** A name for a run whose config has none: optimizer, data, model and seed. */
export function defaultRunName(config: RunConfig): string {
  const data = config.dataset.kind === 'surface' ? config.dataset.surface : config.dataset.kind;
  return `${config.optimizer.type} · ${data} · ${config.model.kind} · seed ${config.training.seed}`;
}

/** SQLite (better-sqlite3) implementation of the run store. */
export class SqliteRunStore implements RunStore {
  private readonly insertRun: Statement;
  private readonly selectRun: Statement;
  private readonly insertMetric: Statement;
  private readonly upsertLatest: Statement;
  private readonly selectLatest: Statement;
  private readonly selectSeries: Statement;
  private readonly selectSeriesStats: Statement;
  private readonly selectReducedSeries: Statement;
  private readonly selectKeys: Statement;
  private readonly selectRangeStats: Statement;
  private readonly selectRange: Statement;
  private readonly selectRangeColumns: Statement;
  private readonly selectBucketColumns: Statement;
  private readonly upsertBucket: Statement;
  private readonly selectBuckets: Statement;
  private readonly selectEndpoints: Statement;
  private readonly appendBatch: (runId: number, points: readonly MetricPoint[]) => void;
  private readonly list: SqliteRunList;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.list = new SqliteRunList(db);
    this.insertRun = db.prepare(
      `INSERT INTO runs (name, status, config, seed, created_at, experiment_id, setting_index, setting, trial, tags, notes, dataset_label, model_label, optimizer_label, search_text)
       VALUES (@name, 'queued', @config, @seed, @createdAt, @experimentId, @settingIndex, @setting, @trial, @tags, @notes, @datasetLabel, @modelLabel, @optimizerLabel, NULL)`,
    );
    this.selectRun = db.prepare('SELECT * FROM runs WHERE id = ?');
    this.insertMetric = db.prepare('INSERT INTO metrics (run_id, key, step, epoch, value, time) VALUES (?, ?, ?, ?, ?, ?)');
    this.upsertLatest = db.prepare(
      `INSERT INTO latest_epoch_metrics (run_id, key, epoch, step, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run_id, key) DO UPDATE SET epoch = excluded.epoch, step = excluded.step, value = excluded.value
       WHERE excluded.epoch > latest_epoch_metrics.epoch
          OR (excluded.epoch = latest_epoch_metrics.epoch AND excluded.step >= latest_epoch_metrics.step)`,
    );
    this.selectLatest = db.prepare('SELECT run_id, key, value FROM latest_epoch_metrics WHERE run_id = ?');
    this.selectSeries = db.prepare('SELECT step, epoch, value, time FROM metrics WHERE run_id = ? AND key = ? ORDER BY step, rowid').raw(true);
    this.selectSeriesStats = db.prepare('SELECT count(*) AS n, min(step) AS lo, max(step) AS hi FROM metrics WHERE run_id = ? AND key = ?');
    // Bare columns next to a single min()/max() come from the row holding that extreme (SQLite).
    this.selectReducedSeries = db
      .prepare(
        `SELECT step, epoch, value, time FROM (
           SELECT step, epoch, min(value) AS value, time FROM metrics WHERE run_id = @run AND key = @key GROUP BY CAST((step - @lo) / @width AS INTEGER)
           UNION
           SELECT step, epoch, max(value) AS value, time FROM metrics WHERE run_id = @run AND key = @key GROUP BY CAST((step - @lo) / @width AS INTEGER)
           UNION
           SELECT step, epoch, value, time FROM metrics WHERE run_id = @run AND key = @key AND step IN (@lo, @hi)
         ) ORDER BY step`,
      )
      .raw(true);
    this.selectKeys = db.prepare('SELECT DISTINCT key FROM metrics WHERE run_id = ? ORDER BY key');
    this.selectRangeStats = db.prepare(
      `SELECT count(*) AS n, min(step) AS lo, max(step) AS hi FROM metrics
       WHERE run_id = @run AND key = @key AND (@from IS NULL OR step >= @from) AND (@to IS NULL OR step <= @to)`,
    );
    // Bare columns next to a single min()/max() come from the row holding that extreme (SQLite).
    this.selectBucketColumns = db
      .prepare(
        `SELECT lo_step, lo_epoch, min(lo_value), lo_time FROM metric_buckets
           WHERE run_id = @run AND key = @key AND bucket BETWEEN @first AND @last GROUP BY CAST((bucket - @first) / @perColumn AS INTEGER)
         UNION ALL
         SELECT hi_step, hi_epoch, max(hi_value), hi_time FROM metric_buckets
           WHERE run_id = @run AND key = @key AND bucket BETWEEN @first AND @last GROUP BY CAST((bucket - @first) / @perColumn AS INTEGER)`,
      )
      .raw(true);
    this.selectRange = db.prepare('SELECT step, epoch, value, time FROM metrics WHERE run_id = @run AND key = @key AND step BETWEEN @lo AND @hi ORDER BY step, rowid').raw(true);
    // Bare columns next to a single min()/max() come from the row holding that extreme (SQLite).
    this.selectRangeColumns = db
      .prepare(
        `SELECT step, epoch, value, time FROM (
           SELECT step, epoch, min(value) AS value, time FROM metrics WHERE run_id = @run AND key = @key AND step BETWEEN @lo AND @hi AND value IS NOT NULL GROUP BY CAST((step - @lo) / @width AS INTEGER)
           UNION
           SELECT step, epoch, max(value) AS value, time FROM metrics WHERE run_id = @run AND key = @key AND step BETWEEN @lo AND @hi AND value IS NOT NULL GROUP BY CAST((step - @lo) / @width AS INTEGER)
           UNION
           SELECT step, epoch, value, time FROM metrics WHERE run_id = @run AND key = @key AND step IN (@lo, @hi)
         ) ORDER BY step`,
      )
      .raw(true);
    // In an UPDATE, every column on the right-hand side still has its old value.
    this.upsertBucket = db.prepare(
      `INSERT INTO metric_buckets (run_id, key, bucket, lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time)
       VALUES (@run, @key, @bucket, @step, @epoch, @value, @time, @step, @epoch, @value, @time)
       ON CONFLICT (run_id, key, bucket) DO UPDATE SET
         lo_step = CASE WHEN excluded.lo_value < lo_value THEN excluded.lo_step ELSE lo_step END,
         lo_epoch = CASE WHEN excluded.lo_value < lo_value THEN excluded.lo_epoch ELSE lo_epoch END,
         lo_time = CASE WHEN excluded.lo_value < lo_value THEN excluded.lo_time ELSE lo_time END,
         lo_value = min(lo_value, excluded.lo_value),
         hi_step = CASE WHEN excluded.hi_value > hi_value THEN excluded.hi_step ELSE hi_step END,
         hi_epoch = CASE WHEN excluded.hi_value > hi_value THEN excluded.hi_epoch ELSE hi_epoch END,
         hi_time = CASE WHEN excluded.hi_value > hi_value THEN excluded.hi_time ELSE hi_time END,
         hi_value = max(hi_value, excluded.hi_value)`,
    );
    this.selectBuckets = db
      .prepare('SELECT lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time FROM metric_buckets WHERE run_id = ? AND key = ? ORDER BY bucket')
      .raw(true);
    this.selectEndpoints = db.prepare('SELECT step, epoch, value, time FROM metrics WHERE run_id = ? AND key = ? AND step IN (?, ?) ORDER BY step, rowid').raw(true);
    this.appendBatch = db.transaction((runId: number, points: readonly MetricPoint[]) => {
      for (const p of points) {
        const value = Number.isNaN(p.value) ? null : p.value;
        this.insertMetric.run(runId, p.key, p.step, p.epoch, value, p.time);
        if (p.epoch > 0) this.upsertLatest.run(runId, p.key, p.epoch, p.step, value);
        if (value !== null) {
          this.upsertBucket.run({ run: runId, key: p.key, bucket: Math.floor(p.step / bucketSteps), step: p.step, epoch: p.epoch, value, time: p.time });
        }
      }
    });
  }

  /** Opens (and migrates) the database file and returns a store over it; `close()` closes the file. */
  static open(dbPath: string, options: OpenDatabaseOptions & { now?: () => Date } = {}): SqliteRunStore {
    return new SqliteRunStore(openDatabase(dbPath, options), options.now);
  }

  createRun(run: NewRun): RunSummary {
    const name = run.name?.trim() || run.config.name?.trim() || defaultRunName(run.config);
    const labels = runLabels(run.config);
    const result = this.insertRun.run({
      name,
      datasetLabel: labels.dataset,
      modelLabel: labels.model,
      optimizerLabel: labels.optimizer,
      config: JSON.stringify(run.config),
      seed: run.config.training.seed,
      createdAt: this.now().toISOString(),
      experimentId: run.experimentId ?? null,
      settingIndex: run.settingIndex ?? null,
      setting: run.setting === undefined ? null : JSON.stringify(run.setting),
      trial: run.trial ?? null,
      tags: JSON.stringify(normalizeTags(run.tags ?? [])),
      notes: run.notes ?? '',
    });
    const id = Number(result.lastInsertRowid);
    this.list.writeSearchText(id, name, labels);
    return this.mustGet(id);
  }

  getRun(id: number): RunSummary | undefined {
    const row = this.selectRun.get(id) as RunRow | undefined;
    return row && this.toSummary(row, this.lastEpochMetrics(id));
  }

  listRuns(filter: RunFilter = {}): RunSummary[] {
    // The runs of an import still being stored (migration 010) are not shown yet.
    const where: string[] = ['import_pending = 0'];
    const params: unknown[] = [];
    if (filter.statuses) {
      where.push(`status IN (${filter.statuses.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...filter.statuses);
    }
    if (filter.experimentId !== undefined) {
      where.push('experiment_id = ?');
      params.push(filter.experimentId);
    }
    if (filter.ids) {
      where.push(`id IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(filter.ids));
    }
    const sql = `SELECT * FROM runs WHERE ${where.join(' AND ')} ORDER BY id DESC`;
    const rows = this.db.prepare(sql).all(...params) as RunRow[];
    const latest = new Map<number, Record<string, number>>();
    const latestRows = this.db.prepare('SELECT run_id, key, value FROM latest_epoch_metrics').all() as { run_id: number; key: string; value: number | null }[];
    for (const row of latestRows) {
      let values = latest.get(row.run_id);
      if (!values) latest.set(row.run_id, (values = {}));
      values[row.key] = row.value ?? Number.NaN;
    }
    return rows.map((row) => this.toSummary(row, latest.get(row.id) ?? {}));
  }

  queryRuns(query: RunQuery): RunPage {
    return this.list.page(query);
  }

  runIds(filter: RunQueryFilter, sort?: RunSort, limit?: number): number[] {
    return this.list.ids(filter, sort, limit);
  }

  runFacets(filter: RunQueryFilter = {}): RunFacets {
    return this.list.facets(filter);
  }

  runGroups(filter: RunQueryFilter, field: string): RunGroupSummary[] {
    return this.list.groups(filter, field);
  }

  updateRun(id: number, update: RunUpdate): RunSummary {
    const assignments: string[] = [];
    const values: Record<string, unknown> = { id };
    for (const [field, column] of Object.entries(updateColumns) as [keyof RunUpdate, string][]) {
      const value = update[field];
      if (value === undefined) continue;
      assignments.push(`${column} = @${field}`);
      if (field === 'tags') values[field] = JSON.stringify(normalizeTags(value as readonly string[]));
      else values[field] = field === 'progress' || field === 'backend' || field === 'checkpoint' ? (value === null ? null : JSON.stringify(value)) : value;
    }
    if (assignments.length > 0) {
      const result = this.db.prepare(`UPDATE runs SET ${assignments.join(', ')} WHERE id = @id`).run(values);
      if (result.changes === 0) throw new Error(`There is no run ${id}`);
    }
    return this.mustGet(id);
  }

  deleteRun(id: number): boolean {
    // Every table with a run_id column refers to runs with ON DELETE CASCADE, or is cleared here.
    return this.db.transaction(() => {
      for (const table of runSideTables(this.db)) this.db.prepare(`DELETE FROM "${table}" WHERE run_id = ?`).run(id);
      return this.db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
    })();
  }

  appendMetrics(runId: number, points: readonly MetricPoint[]): void {
    if (points.length > 0) this.appendBatch(runId, points);
  }

  getMetrics(runId: number, query: MetricQuery = {}): MetricSeries[] {
    const keys = query.keys ? [...new Set(query.keys)].sort() : this.metricKeys(runId);
    if (query.columns !== undefined || query.fromStep !== undefined || query.toStep !== undefined) {
      return keys.map((key) => ({ key, points: this.readColumns(runId, key, query) }));
    }
    const maxPoints = query.maxPoints ?? 0;
    return keys.map((key) => {
      const rows = this.readSeriesRows(runId, key, maxPoints);
      const kept = downsampleLttb(rows, maxPoints, (r) => r[0], (r) => r[2] ?? Number.NaN);
      const points: SeriesPoint[] = kept.map(([step, epoch, value, time]) => ({ step, epoch, value: value ?? Number.NaN, time }));
      return { key, points };
    });
  }

  /**
   * A series over a step range: every point when they are few, else the lowest and highest point of
   * each of `columns` equal step columns plus the first and last point, reduced in SQL (exact: every
   * point of the range is looked at, so a one-step spike survives).
   */
  private readColumns(runId: number, key: string, query: MetricQuery): SeriesPoint[] {
    const range = this.selectRangeStats.get({ run: runId, key, from: query.fromStep ?? null, to: query.toStep ?? null }) as { n: number; lo: number | null; hi: number | null };
    if (range.n === 0 || range.lo === null || range.hi === null) return [];
    const columns = query.columns ?? 0;
    let rows: SeriesRow[];
    if (columns === 0 || range.n <= 2 * columns) rows = this.selectRange.all({ run: runId, key, lo: range.lo, hi: range.hi }) as SeriesRow[];
    else rows = this.bucketColumns(runId, key, range.lo, range.hi, columns) ?? (this.selectRangeColumns.all({ run: runId, key, lo: range.lo, hi: range.hi, width: (range.hi - range.lo + 1) / columns }) as SeriesRow[]);
    return rows.map(([step, epoch, value, time]) => ({ step, epoch, value: value ?? Number.NaN, time }));
  }

  /**
   * The lowest and highest point of each column from the 16-step buckets (migration 007), a column
   * being a whole number of buckets (one bucket when the columns are narrower than 16 steps: then
   * each bucket's two points, whose line spans every value of the bucket, stand for its 16 steps), and
   * the points of the partial buckets at the range's ends. Undefined when the series has no buckets.
   */
  private bucketColumns(runId: number, key: string, lo: number, hi: number, columns: number): SeriesRow[] | undefined {
    const first = Math.ceil(lo / bucketSteps);
    const last = Math.floor((hi + 1) / bucketSteps) - 1;
    if (last < first) return undefined;
    const perColumn = Math.max(1, Math.floor((hi - lo + 1) / columns / bucketSteps));
    const reduced = this.selectBucketColumns.all({ run: runId, key, first, last, perColumn }) as SeriesRow[];
    if (reduced.length === 0) return undefined;
    const edges = [
      ...(first * bucketSteps > lo ? (this.selectRange.all({ run: runId, key, lo, hi: first * bucketSteps - 1 }) as SeriesRow[]) : []),
      ...((last + 1) * bucketSteps <= hi ? (this.selectRange.all({ run: runId, key, lo: (last + 1) * bucketSteps, hi }) as SeriesRow[]) : []),
      ...(this.selectEndpoints.all(runId, key, lo, hi) as SeriesRow[]),
    ];
    const rows = [...reduced, ...edges].sort((a, b) => a[0] - b[0]);
    // A bucket of one point gives it as its lowest and its highest.
    return rows.filter((row, i) => i === 0 || row[0] !== rows[i - 1][0] || row[2] !== rows[i - 1][2]);
  }

  /**
   * A series' rows in step order. When it is much longer than `maxPoints`, SQLite first reduces it to
   * the lowest and highest value of each of `maxPoints` step buckets plus the first and last points
   * (so extremes survive), which the caller then downsamples further; this keeps reads of long series
   * fast, since most of their cost is turning rows into JavaScript values.
   */
  private readSeriesRows(runId: number, key: string, maxPoints: number): SeriesRow[] {
    if (maxPoints > 0) {
      const stats = this.selectSeriesStats.get(runId, key) as { n: number; lo: number | null; hi: number | null };
      if (stats.n > 4 * maxPoints && stats.lo !== null && stats.hi !== null) {
        // Each bucket gives two points (its lowest and highest): enough when they outnumber maxPoints.
        if ((2 * (stats.hi - stats.lo)) / bucketSteps >= maxPoints) {
          const rows = this.bucketedSeriesRows(runId, key, stats.lo, stats.hi);
          if (rows) return rows;
        }
        const width = (stats.hi - stats.lo + 1) / maxPoints;
        return this.selectReducedSeries.all({ run: runId, key, lo: stats.lo, hi: stats.hi, width }) as SeriesRow[];
      }
    }
    return this.selectSeries.all(runId, key) as SeriesRow[];
  }

  /**
   * A long series from its 16-step buckets: each bucket's lowest and highest point in step order,
   * with the series' first and last points; undefined when the buckets are missing.
   */
  private bucketedSeriesRows(runId: number, key: string, lo: number, hi: number): SeriesRow[] | undefined {
    const buckets = this.selectBuckets.all(runId, key) as [number, number, number, number, number, number, number, number][];
    if (buckets.length === 0) return undefined;
    const rows: SeriesRow[] = [];
    const push = (row: SeriesRow) => {
      if (rows.length === 0 || row[0] > rows[rows.length - 1][0]) rows.push(row);
    };
    const endpoints = this.selectEndpoints.all(runId, key, lo, hi) as SeriesRow[];
    const [first, last] = [endpoints[0], endpoints.at(-1)];
    if (first) push(first);
    for (const [loStep, loEpoch, loValue, loTime, hiStep, hiEpoch, hiValue, hiTime] of buckets) {
      const low: SeriesRow = [loStep, loEpoch, loValue, loTime];
      const high: SeriesRow = [hiStep, hiEpoch, hiValue, hiTime];
      if (loStep <= hiStep) {
        push(low);
        push(high);
      } else {
        push(high);
        push(low);
      }
    }
    if (last) push(last);
    return rows;
  }

  metricKeys(runId: number): string[] {
    return (this.selectKeys.all(runId) as { key: string }[]).map((r) => r.key);
  }

  discardAfterStep(runId: number, step: number): void {
    this.db.transaction(() => {
      for (const table of runSideTables(this.db)) {
        if (table === 'latest_epoch_metrics' || !tableColumns(this.db, table).some((c) => c.name === 'step')) continue;
        this.db.prepare(`DELETE FROM "${table}" WHERE run_id = ? AND step > ?`).run(runId, step);
      }
      this.rebuildBucketsFrom(runId, Math.floor(step / bucketSteps));
      this.db.prepare('DELETE FROM latest_epoch_metrics WHERE run_id = ?').run(runId);
      // The newest point of each epoch metric (highest epoch, then step, then insertion) is its latest value.
      this.db
        .prepare(
          `INSERT INTO latest_epoch_metrics (run_id, key, epoch, step, value)
           SELECT run_id, key, epoch, step, value FROM (
             SELECT run_id, key, epoch, step, value,
                    row_number() OVER (PARTITION BY key ORDER BY epoch DESC, step DESC, rowid DESC) AS rank
             FROM metrics WHERE run_id = ? AND epoch > 0
           ) WHERE rank = 1`,
        )
        .run(runId);
    })();
  }

  /** Recomputes a run's buckets from `bucket` on from its stored points (after points were discarded). */
  private rebuildBucketsFrom(runId: number, bucket: number): void {
    this.db.prepare('DELETE FROM metric_buckets WHERE run_id = ? AND bucket >= ?').run(runId, bucket);
    this.db
      .prepare(
        `INSERT INTO metric_buckets (run_id, key, bucket, lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time)
         SELECT lo.run_id, lo.key, lo.bucket, lo.step, lo.epoch, lo.value, lo.time, hi.step, hi.epoch, hi.value, hi.time
         FROM (SELECT run_id, key, step / ${bucketSteps} AS bucket, step, epoch, min(value) AS value, time FROM metrics
               WHERE run_id = @run AND step >= @from AND value IS NOT NULL GROUP BY key, step / ${bucketSteps}) AS lo
         JOIN (SELECT run_id, key, step / ${bucketSteps} AS bucket, step, epoch, max(value) AS value, time FROM metrics
               WHERE run_id = @run AND step >= @from AND value IS NOT NULL GROUP BY key, step / ${bucketSteps}) AS hi
           USING (run_id, key, bucket)`,
      )
      .run({ run: runId, from: bucket * bucketSteps });
  }

  lastEpochMetrics(runId: number): Record<string, number> {
    const values: Record<string, number> = {};
    for (const row of this.selectLatest.all(runId) as { key: string; value: number | null }[]) values[row.key] = row.value ?? Number.NaN;
    return values;
  }

  markRunningInterrupted(reason: string): number[] {
    const finishedAt = this.now().toISOString();
    const rows = this.db
      .prepare(`UPDATE runs SET status = 'interrupted', error = ?, finished_at = ? WHERE status = 'running' RETURNING id`)
      .all(reason, finishedAt) as { id: number }[];
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  inTransaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private mustGet(id: number): RunSummary {
    const run = this.getRun(id);
    if (!run) throw new Error(`There is no run ${id}`);
    return run;
  }

  private toSummary(row: RunRow, lastMetrics: Record<string, number>): RunSummary {
    return {
      id: row.id,
      name: row.name,
      status: row.status as RunStatus,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      config: parseStoredConfig(row.config),
      seed: row.seed,
      backend: row.backend === null ? null : (JSON.parse(row.backend) as BackendInfo),
      progress: row.progress === null ? null : (JSON.parse(row.progress) as RunProgress),
      error: row.error,
      lastMetrics,
      experimentId: row.experiment_id,
      settingIndex: row.setting_index,
      setting: row.setting === null ? null : (JSON.parse(row.setting) as Record<string, unknown>),
      trial: row.trial,
      tags: JSON.parse(row.tags) as string[],
      notes: row.notes,
      checkpoint: row.checkpoint === null || row.checkpoint === undefined ? null : (JSON.parse(row.checkpoint) as RunCheckpoint),
    };
  }
}

/**
 * A stored config, read back through the current schema (which fills fields added since it was
 * written). A config the current schema refuses is returned as stored rather than hiding the run.
 */
function parseStoredConfig(json: string): RunConfig {
  const raw: unknown = JSON.parse(json);
  const parsed = runConfigSchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as RunConfig);
}

/** Tags trimmed, without empty ones or repeats, in the order given. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
}
