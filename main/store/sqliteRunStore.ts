import type { Database, Statement } from 'better-sqlite3';
import { runConfigSchema, type RunConfig } from '../../shared/config/runConfig.js';
import { downsampleLttb } from '../../shared/metrics/downsample.js';
import type { SeriesColumns } from '../../shared/metrics/packedSeries.js';
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
/** Metric rows per INSERT statement when a batch is stored (6 values each, well under SQLite's 32,766 parameters). */
const rowsPerInsert = 64;
type SeriesRow = [step: number, epoch: number, value: number | null, time: number];
type BucketRow = [loStep: number, loEpoch: number, loValue: number, loTime: number, hiStep: number, hiEpoch: number, hiValue: number, hiTime: number];

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
  private readonly selectSeriesId: Statement;
  private readonly selectRunExists: Statement;
  private readonly insertSeries: Statement;
  private readonly selectLastStep: Statement;
  private readonly selectNextSeq: Statement;
  private readonly insertMetric: Statement;
  private readonly insertMetrics: Statement;
  private readonly upsertLatest: Statement;
  private readonly selectLatest: Statement;
  private readonly selectSeries: Statement;
  private readonly selectReducedSeries: Statement;
  private readonly selectKeys: Statement;
  private readonly selectRangeStats: Statement;
  private readonly selectRange: Statement;
  private readonly selectRangeColumns: Statement;
  private readonly selectBucketColumns: Statement;
  private readonly selectBucketRange: Statement;
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
    this.selectRunExists = db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck();
    // Points are stored per series (migration 014): `metric_series` names each (run, key) once.
    this.selectSeriesId = db.prepare('SELECT id FROM metric_series WHERE run_id = ? AND key = ?').pluck();
    this.insertSeries = db.prepare('INSERT INTO metric_series (run_id, key) VALUES (?, ?)');
    this.selectLastStep = db.prepare('SELECT max(step) FROM metric_points WHERE series_id = ?').pluck();
    this.selectNextSeq = db.prepare('SELECT coalesce(max(seq) + 1, 0) FROM metric_points WHERE series_id = ? AND step = ?').pluck();
    this.insertMetric = db.prepare('INSERT INTO metric_points (series_id, step, seq, epoch, value, time) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertMetrics = db.prepare(`INSERT INTO metric_points (series_id, step, seq, epoch, value, time) VALUES ${Array(rowsPerInsert).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`);
    this.upsertLatest = db.prepare(
      `INSERT INTO latest_epoch_metrics (run_id, key, epoch, step, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run_id, key) DO UPDATE SET epoch = excluded.epoch, step = excluded.step, value = excluded.value
       WHERE excluded.epoch > latest_epoch_metrics.epoch
          OR (excluded.epoch = latest_epoch_metrics.epoch AND excluded.step >= latest_epoch_metrics.step)`,
    );
    this.selectLatest = db.prepare('SELECT run_id, key, value FROM latest_epoch_metrics WHERE run_id = ?');
    this.selectSeries = db.prepare('SELECT step, epoch, value, time FROM metric_points WHERE series_id = ? ORDER BY step, seq').raw(true);
    // The bounds come from the primary key's ends; the count stops at @limit (all a caller needs to know).
    this.selectRangeStats = db.prepare(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM metric_points WHERE series_id = @series AND step BETWEEN @from AND @to LIMIT @limit)) AS n,
              (SELECT min(step) FROM metric_points WHERE series_id = @series AND step BETWEEN @from AND @to) AS lo,
              (SELECT max(step) FROM metric_points WHERE series_id = @series AND step BETWEEN @from AND @to) AS hi`,
    );
    // Bare columns next to a single min()/max() come from the row holding that extreme (SQLite).
    this.selectReducedSeries = db
      .prepare(
        `SELECT step, epoch, value, time FROM (
           SELECT step, epoch, min(value) AS value, time FROM metric_points WHERE series_id = @series GROUP BY CAST((step - @lo) / @width AS INTEGER)
           UNION
           SELECT step, epoch, max(value) AS value, time FROM metric_points WHERE series_id = @series GROUP BY CAST((step - @lo) / @width AS INTEGER)
           UNION
           SELECT step, epoch, value, time FROM metric_points WHERE series_id = @series AND step IN (@lo, @hi)
         ) ORDER BY step`,
      )
      .raw(true);
    this.selectKeys = db.prepare('SELECT key FROM metric_series WHERE run_id = ? ORDER BY key').pluck();
    // Bare columns next to a single min()/max() come from the row holding that extreme (SQLite).
    this.selectBucketColumns = db
      .prepare(
        `SELECT lo_step, lo_epoch, min(lo_value), lo_time FROM metric_buckets
           WHERE series_id = @series AND bucket BETWEEN @first AND @last GROUP BY CAST((bucket - @first) / @perColumn AS INTEGER)
         UNION ALL
         SELECT hi_step, hi_epoch, max(hi_value), hi_time FROM metric_buckets
           WHERE series_id = @series AND bucket BETWEEN @first AND @last GROUP BY CAST((bucket - @first) / @perColumn AS INTEGER)`,
      )
      .raw(true);
    this.selectBucketRange = db
      .prepare('SELECT lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time FROM metric_buckets WHERE series_id = @series AND bucket BETWEEN @first AND @last ORDER BY bucket')
      .raw(true);
    this.selectRange = db.prepare('SELECT step, epoch, value, time FROM metric_points WHERE series_id = @series AND step BETWEEN @lo AND @hi ORDER BY step, seq').raw(true);
    // Bare columns next to a single min()/max() come from the row holding that extreme (SQLite).
    this.selectRangeColumns = db
      .prepare(
        `SELECT step, epoch, value, time FROM (
           SELECT step, epoch, min(value) AS value, time FROM metric_points WHERE series_id = @series AND step BETWEEN @lo AND @hi AND value IS NOT NULL GROUP BY CAST((step - @lo) / @width AS INTEGER)
           UNION
           SELECT step, epoch, max(value) AS value, time FROM metric_points WHERE series_id = @series AND step BETWEEN @lo AND @hi AND value IS NOT NULL GROUP BY CAST((step - @lo) / @width AS INTEGER)
           UNION
           SELECT step, epoch, value, time FROM metric_points WHERE series_id = @series AND step IN (@lo, @hi)
         ) ORDER BY step`,
      )
      .raw(true);
    // In an UPDATE, every column on the right-hand side still has its old value.
    this.upsertBucket = db.prepare(
      `INSERT INTO metric_buckets (series_id, bucket, lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time)
       VALUES (@series, @bucket, @loStep, @loEpoch, @loValue, @loTime, @hiStep, @hiEpoch, @hiValue, @hiTime)
       ON CONFLICT (series_id, bucket) DO UPDATE SET
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
      .prepare('SELECT lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time FROM metric_buckets WHERE series_id = ? ORDER BY bucket')
      .raw(true);
    this.selectEndpoints = db.prepare('SELECT step, epoch, value, time FROM metric_points WHERE series_id = ? AND step IN (?, ?) ORDER BY step, seq').raw(true);
    this.appendBatch = db.transaction((runId: number, points: readonly MetricPoint[]) => {
      // Per series of the batch: its id and the last step stored, so a point past it takes seq 0 without a lookup.
      const batchSeries = new Map<string, { id: number; lastStep: number }>();
      // The batch's lowest and highest point per series and bucket, merged into the stored buckets once each.
      const batchBuckets = new Map<string, { series: number; bucket: number; lo: MetricPoint; hi: MetricPoint }>();
      // Rows wait here to go in `rowsPerInsert` at a time (one statement, one call into SQLite).
      const rows: (number | null)[] = [];
      // The rows waiting, one statement each (before a seq lookup, which must see every earlier row of the batch).
      const flush = () => {
        for (let i = 0; i < rows.length; i += 6) this.insertMetric.run(rows.slice(i, i + 6));
        rows.length = 0;
      };
      for (const p of points) {
        let series = batchSeries.get(p.key);
        if (!series) {
          const known = this.selectSeriesId.get(runId, p.key) as number | undefined;
          const id = known ?? Number(this.insertSeries.run(runId, p.key).lastInsertRowid);
          series = { id, lastStep: known === undefined ? -1 : ((this.selectLastStep.get(id) as number | null) ?? -1) };
          batchSeries.set(p.key, series);
        }
        if (p.step <= series.lastStep) flush();
        const seq = p.step > series.lastStep ? 0 : (this.selectNextSeq.get(series.id, p.step) as number);
        series.lastStep = Math.max(series.lastStep, p.step);
        const value = Number.isNaN(p.value) ? null : p.value;
        rows.push(series.id, p.step, seq, p.epoch, value, p.time);
        if (rows.length === rowsPerInsert * 6) {
          this.insertMetrics.run(rows);
          rows.length = 0;
        }
        if (p.epoch > 0) this.upsertLatest.run(runId, p.key, p.epoch, p.step, value);
        if (value !== null) {
          const bucket = Math.floor(p.step / bucketSteps);
          const id = `${series.id}:${bucket}`;
          const extremes = batchBuckets.get(id);
          // Strictly lower or higher: of equal values the earlier point stays, as in the stored buckets.
          if (!extremes) batchBuckets.set(id, { series: series.id, bucket, lo: p, hi: p });
          else if (value < extremes.lo.value) extremes.lo = p;
          else if (value > extremes.hi.value) extremes.hi = p;
        }
      }
      flush();
      for (const { series, bucket, lo, hi } of batchBuckets.values()) {
        this.upsertBucket.run({ series, bucket, loStep: lo.step, loEpoch: lo.epoch, loValue: lo.value, loTime: lo.time, hiStep: hi.step, hiEpoch: hi.epoch, hiValue: hi.value, hiTime: hi.time });
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

  hasRun(id: number): boolean {
    return this.selectRunExists.get(id) !== undefined;
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
    const seriesOf = (key: string) => this.selectSeriesId.get(runId, key) as number | undefined;
    if (query.columns !== undefined || query.fromStep !== undefined || query.toStep !== undefined) {
      return keys.map((key) => {
        const series = seriesOf(key);
        return { key, points: series === undefined ? [] : this.readColumns(series, query) };
      });
    }
    const maxPoints = query.maxPoints ?? 0;
    return keys.map((key) => {
      const series = seriesOf(key);
      const rows = series === undefined ? [] : this.readSeriesRows(series, maxPoints);
      const kept = downsampleLttb(rows, maxPoints, (r) => r[0], (r) => r[2] ?? Number.NaN);
      const points: SeriesPoint[] = kept.map(([step, epoch, value, time]) => ({ step, epoch, value: value ?? Number.NaN, time }));
      return { key, points };
    });
  }

  /**
   * A series' first and last step in a step range (from the primary key's ends) and how many points
   * it has there, counted up to `limit` (the caller only needs to know whether it is more).
   */
  private rangeStats(series: number, from: number | undefined, to: number | undefined, limit: number): { n: number; lo: number | null; hi: number | null } {
    return this.selectRangeStats.get({ series, from: from ?? Number.MIN_SAFE_INTEGER, to: to ?? Number.MAX_SAFE_INTEGER, limit }) as { n: number; lo: number | null; hi: number | null };
  }

  /**
   * A series over a step range: every point when they are few, else the lowest and highest point of
   * each of `columns` equal step columns plus the first and last point, reduced in SQL (exact: every
   * point of the range is looked at, so a one-step spike survives).
   */
  private readColumns(series: number, query: MetricQuery): SeriesPoint[] {
    return this.readColumnRows(series, query).map(([step, epoch, value, time]) => ({ step, epoch, value: value ?? Number.NaN, time }));
  }

  getSeriesColumns(runId: number, key: string, query: Pick<MetricQuery, 'columns' | 'fromStep' | 'toStep'>): SeriesColumns {
    const series = this.selectSeriesId.get(runId, key) as number | undefined;
    const oneBucketPerColumn = series === undefined ? undefined : this.bucketPerColumnInto(series, key, query);
    if (oneBucketPerColumn) return oneBucketPerColumn;
    const rows = series === undefined ? [] : this.readColumnRows(series, query);
    const columns: SeriesColumns = { key, steps: new Float64Array(rows.length), epochs: new Float64Array(rows.length), values: new Float64Array(rows.length), times: new Float64Array(rows.length) };
    for (let i = 0; i < rows.length; i++) {
      const [step, epoch, value, time] = rows[i];
      columns.steps[i] = step;
      columns.epochs[i] = epoch;
      columns.values[i] = value ?? Number.NaN;
      columns.times[i] = time;
    }
    return columns;
  }

  /**
   * `readColumnRows`' points written straight into columns when it would read one 16-step bucket per
   * column (Compare's usual case: a few thousand steps per pixel column or fewer), without a row array
   * per point, a sort and a filter: the buckets are in step order and disjoint, so only each bucket's
   * two points and the few points of the range's ends need ordering. The same points in the same order
   * (equal steps: bucket points first, as the stable sort leaves them), the same duplicates dropped.
   * Undefined when another path applies.
   */
  private bucketPerColumnInto(series: number, key: string, query: MetricQuery): SeriesColumns | undefined {
    const columns = query.columns ?? 0;
    if (columns === 0) return undefined;
    const range = this.rangeStats(series, query.fromStep, query.toStep, 2 * columns + 1);
    if (range.n <= 2 * columns || range.lo === null || range.hi === null) return undefined;
    const { lo, hi } = range;
    const first = Math.ceil(lo / bucketSteps);
    const last = Math.floor((hi + 1) / bucketSteps) - 1;
    if (last < first || Math.max(1, Math.floor((hi - lo + 1) / columns / bucketSteps)) !== 1) return undefined;
    const buckets = this.selectBucketRange.all({ series, first, last }) as BucketRow[];
    if (buckets.length === 0) return undefined;
    const edgeRows = [
      ...(first * bucketSteps > lo ? (this.selectRange.all({ series, lo, hi: first * bucketSteps - 1 }) as SeriesRow[]) : []),
      ...((last + 1) * bucketSteps <= hi ? (this.selectRange.all({ series, lo: (last + 1) * bucketSteps, hi }) as SeriesRow[]) : []),
      ...(this.selectEndpoints.all(series, lo, hi) as SeriesRow[]),
    ];
    const edges = edgeRows.map((row, i) => ({ row, i })).sort((a, b) => a.row[0] - b.row[0] || a.i - b.i).map((e) => e.row);
    const capacity = 2 * buckets.length + edges.length;
    const out: SeriesColumns = { key, steps: new Float64Array(capacity), epochs: new Float64Array(capacity), values: new Float64Array(capacity), times: new Float64Array(capacity) };
    let n = 0;
    let lastStep = Number.NaN;
    let lastValue: number | null | undefined;
    const put = (step: number, epoch: number, value: number | null, time: number) => {
      // A bucket of one point gives it as its lowest and its highest: kept once.
      if (n > 0 && step === lastStep && value === lastValue) return;
      out.steps[n] = step;
      out.epochs[n] = epoch;
      out.values[n] = value ?? Number.NaN;
      out.times[n] = time;
      lastStep = step;
      lastValue = value;
      n++;
    };
    let e = 0;
    // Edge points up to (and, after the bucket points, at) a step.
    const putEdgesBefore = (step: number, inclusive: boolean) => {
      while (e < edges.length && (edges[e][0] < step || (inclusive && edges[e][0] === step))) {
        const [s, ep, v, t] = edges[e++];
        put(s, ep, v, t);
      }
    };
    for (const [loStep, loEpoch, loValue, loTime, hiStep, hiEpoch, hiValue, hiTime] of buckets) {
      if (hiStep < loStep) {
        putEdgesBefore(hiStep, false);
        put(hiStep, hiEpoch, hiValue, hiTime);
        putEdgesBefore(loStep, false);
        put(loStep, loEpoch, loValue, loTime);
        putEdgesBefore(loStep, true);
      } else {
        putEdgesBefore(loStep, false);
        put(loStep, loEpoch, loValue, loTime);
        if (hiStep > loStep) putEdgesBefore(hiStep, false);
        else putEdgesBefore(loStep, false);
        put(hiStep, hiEpoch, hiValue, hiTime);
        putEdgesBefore(hiStep, true);
      }
    }
    putEdgesBefore(Number.POSITIVE_INFINITY, true);
    return { key, steps: out.steps.subarray(0, n), epochs: out.epochs.subarray(0, n), values: out.values.subarray(0, n), times: out.times.subarray(0, n) };
  }

  /** The rows `readColumns` describes, as SQLite gives them (a NULL value stands for NaN). */
  private readColumnRows(series: number, query: MetricQuery): SeriesRow[] {
    const columns = query.columns ?? 0;
    const range = this.rangeStats(series, query.fromStep, query.toStep, columns === 0 ? 1 : 2 * columns + 1);
    if (range.n === 0 || range.lo === null || range.hi === null) return [];
    if (columns === 0 || range.n <= 2 * columns) return this.selectRange.all({ series, lo: range.lo, hi: range.hi }) as SeriesRow[];
    return this.bucketColumns(series, range.lo, range.hi, columns) ?? (this.selectRangeColumns.all({ series, lo: range.lo, hi: range.hi, width: (range.hi - range.lo + 1) / columns }) as SeriesRow[]);
  }

  /**
   * The lowest and highest point of each column from the 16-step buckets (migration 007), a column
   * being a whole number of buckets (one bucket when the columns are narrower than 16 steps: then
   * each bucket's two points, whose line spans every value of the bucket, stand for its 16 steps), and
   * the points of the partial buckets at the range's ends. Undefined when the series has no buckets.
   */
  private bucketColumns(series: number, lo: number, hi: number, columns: number): SeriesRow[] | undefined {
    const first = Math.ceil(lo / bucketSteps);
    const last = Math.floor((hi + 1) / bucketSteps) - 1;
    if (last < first) return undefined;
    const perColumn = Math.max(1, Math.floor((hi - lo + 1) / columns / bucketSteps));
    // One bucket per column: its rows as they are (no grouping); else grouped by column in SQL.
    const reduced =
      perColumn === 1
        ? (this.selectBucketRange.all({ series, first, last }) as BucketRow[]).flatMap(([loStep, loEpoch, loValue, loTime, hiStep, hiEpoch, hiValue, hiTime]): SeriesRow[] => [
            [loStep, loEpoch, loValue, loTime],
            [hiStep, hiEpoch, hiValue, hiTime],
          ])
        : (this.selectBucketColumns.all({ series, first, last, perColumn }) as SeriesRow[]);
    if (reduced.length === 0) return undefined;
    const edges = [
      ...(first * bucketSteps > lo ? (this.selectRange.all({ series, lo, hi: first * bucketSteps - 1 }) as SeriesRow[]) : []),
      ...((last + 1) * bucketSteps <= hi ? (this.selectRange.all({ series, lo: (last + 1) * bucketSteps, hi }) as SeriesRow[]) : []),
      ...(this.selectEndpoints.all(series, lo, hi) as SeriesRow[]),
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
  private readSeriesRows(series: number, maxPoints: number): SeriesRow[] {
    if (maxPoints > 0) {
      const stats = this.rangeStats(series, undefined, undefined, 4 * maxPoints + 1);
      if (stats.n > 4 * maxPoints && stats.lo !== null && stats.hi !== null) {
        // Each bucket gives two points (its lowest and highest): enough when they outnumber maxPoints.
        if ((2 * (stats.hi - stats.lo)) / bucketSteps >= maxPoints) {
          const rows = this.bucketedSeriesRows(series, stats.lo, stats.hi);
          if (rows) return rows;
        }
        const width = (stats.hi - stats.lo + 1) / maxPoints;
        return this.selectReducedSeries.all({ series, lo: stats.lo, hi: stats.hi, width }) as SeriesRow[];
      }
    }
    return this.selectSeries.all(series) as SeriesRow[];
  }

  /**
   * A long series from its 16-step buckets: each bucket's lowest and highest point in step order,
   * with the series' first and last points; undefined when the buckets are missing.
   */
  private bucketedSeriesRows(series: number, lo: number, hi: number): SeriesRow[] | undefined {
    const buckets = this.selectBuckets.all(series) as BucketRow[];
    if (buckets.length === 0) return undefined;
    const rows: SeriesRow[] = [];
    const push = (row: SeriesRow) => {
      if (rows.length === 0 || row[0] > rows[rows.length - 1][0]) rows.push(row);
    };
    const endpoints = this.selectEndpoints.all(series, lo, hi) as SeriesRow[];
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
    return this.selectKeys.all(runId) as string[];
  }

  discardAfterStep(runId: number, step: number): void {
    this.db.transaction(() => {
      for (const table of runSideTables(this.db)) {
        if (table === 'latest_epoch_metrics' || !tableColumns(this.db, table).some((c) => c.name === 'step')) continue;
        this.db.prepare(`DELETE FROM "${table}" WHERE run_id = ? AND step > ?`).run(runId, step);
      }
      const seriesIds = this.db.prepare('SELECT id FROM metric_series WHERE run_id = ?').pluck().all(runId) as number[];
      const deletePoints = this.db.prepare('DELETE FROM metric_points WHERE series_id = ? AND step > ?');
      for (const series of seriesIds) deletePoints.run(series, step);
      this.db.prepare('DELETE FROM metric_series WHERE run_id = ? AND NOT EXISTS (SELECT 1 FROM metric_points WHERE series_id = metric_series.id)').run(runId);
      this.rebuildBucketsFrom(runId, Math.floor(step / bucketSteps));
      this.db.prepare('DELETE FROM latest_epoch_metrics WHERE run_id = ?').run(runId);
      // The newest point of each epoch metric (highest epoch, then step, then insertion) is its latest value.
      this.db
        .prepare(
          `INSERT INTO latest_epoch_metrics (run_id, key, epoch, step, value)
           SELECT run_id, key, epoch, step, value FROM (
             SELECT s.run_id, s.key, p.epoch, p.step, p.value,
                    row_number() OVER (PARTITION BY s.key ORDER BY p.epoch DESC, p.step DESC, p.seq DESC) AS rank
             FROM metric_points AS p JOIN metric_series AS s ON s.id = p.series_id WHERE s.run_id = ? AND p.epoch > 0
           ) WHERE rank = 1`,
        )
        .run(runId);
    })();
  }

  /** Recomputes a run's buckets from `bucket` on from its stored points (after points were discarded). */
  private rebuildBucketsFrom(runId: number, bucket: number): void {
    this.db.prepare('DELETE FROM metric_buckets WHERE series_id IN (SELECT id FROM metric_series WHERE run_id = ?) AND bucket >= ?').run(runId, bucket);
    this.db
      .prepare(
        `INSERT INTO metric_buckets (series_id, bucket, lo_step, lo_epoch, lo_value, lo_time, hi_step, hi_epoch, hi_value, hi_time)
         SELECT lo.series_id, lo.bucket, lo.step, lo.epoch, lo.value, lo.time, hi.step, hi.epoch, hi.value, hi.time
         FROM (SELECT series_id, step / ${bucketSteps} AS bucket, step, epoch, min(value) AS value, time FROM metric_points
               WHERE series_id IN (SELECT id FROM metric_series WHERE run_id = @run) AND step >= @from AND value IS NOT NULL GROUP BY series_id, step / ${bucketSteps}) AS lo
         JOIN (SELECT series_id, step / ${bucketSteps} AS bucket, step, epoch, max(value) AS value, time FROM metric_points
               WHERE series_id IN (SELECT id FROM metric_series WHERE run_id = @run) AND step >= @from AND value IS NOT NULL GROUP BY series_id, step / ${bucketSteps}) AS hi
           USING (series_id, bucket)`,
      )
      .run({ run: runId, from: bucket * bucketSteps });
  }

  lastEpochMetrics(runId: number): Record<string, number> {
    const values: Record<string, number> = {};
    for (const row of this.selectLatest.all(runId) as { key: string; value: number | null }[]) values[row.key] = row.value ?? Number.NaN;
    return values;
  }

  markRunningInterrupted(reason: string, except: readonly number[] = []): number[] {
    const finishedAt = this.now().toISOString();
    const rows = this.db
      .prepare(
        `UPDATE runs SET status = 'interrupted', error = ?, finished_at = ?
         WHERE status = 'running' AND id NOT IN (SELECT value FROM json_each(?)) RETURNING id`,
      )
      .all(reason, finishedAt, JSON.stringify(except)) as { id: number }[];
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
