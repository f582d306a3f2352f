import type { Database, Statement } from 'better-sqlite3';
import { runConfigSchema, type RunConfig } from '../../shared/config/runConfig.js';
import { downsampleLttb } from '../../shared/metrics/downsample.js';
import type { BackendInfo, MetricPoint, MetricSeries, RunCheckpoint, RunProgress, RunStatus, RunSummary } from '../../shared/runs/runTypes.js';
import { openDatabase, type OpenDatabaseOptions } from './openDatabase.js';
import type { MetricQuery, NewRun, RunFilter, RunStore, RunUpdate } from './runStore.js';
import { runSideTables, tableColumns } from './runSideTables.js';

interface RunRow {
  id: number;
  name: string;
  status: string;
  config: string;
  seed: number;
  backend: string | null;
  progress: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  experiment_id: number | null;
  setting_index: number | null;
  setting: string | null;
  trial: number | null;
  tags: string;
  notes: string;
  checkpoint: string | null;
}

type SeriesPoint = MetricSeries['points'][number];
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
  private readonly appendBatch: (runId: number, points: readonly MetricPoint[]) => void;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insertRun = db.prepare(
      `INSERT INTO runs (name, status, config, seed, created_at, experiment_id, setting_index, setting, trial, tags, notes)
       VALUES (@name, 'queued', @config, @seed, @createdAt, @experimentId, @settingIndex, @setting, @trial, @tags, @notes)`,
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
    this.appendBatch = db.transaction((runId: number, points: readonly MetricPoint[]) => {
      for (const p of points) {
        const value = Number.isNaN(p.value) ? null : p.value;
        this.insertMetric.run(runId, p.key, p.step, p.epoch, value, p.time);
        if (p.epoch > 0) this.upsertLatest.run(runId, p.key, p.epoch, p.step, value);
      }
    });
  }

  /** Opens (and migrates) the database file and returns a store over it; `close()` closes the file. */
  static open(dbPath: string, options: OpenDatabaseOptions & { now?: () => Date } = {}): SqliteRunStore {
    return new SqliteRunStore(openDatabase(dbPath, options), options.now);
  }

  createRun(run: NewRun): RunSummary {
    const name = run.name?.trim() || run.config.name?.trim() || defaultRunName(run.config);
    const result = this.insertRun.run({
      name,
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
    return this.mustGet(Number(result.lastInsertRowid));
  }

  getRun(id: number): RunSummary | undefined {
    const row = this.selectRun.get(id) as RunRow | undefined;
    return row && this.toSummary(row, this.lastEpochMetrics(id));
  }

  listRuns(filter: RunFilter = {}): RunSummary[] {
    const where: string[] = [];
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
    const sql = `SELECT * FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC`;
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
    const maxPoints = query.maxPoints ?? 0;
    return keys.map((key) => {
      const rows = this.readSeriesRows(runId, key, maxPoints);
      const kept = downsampleLttb(rows, maxPoints, (r) => r[0], (r) => r[2] ?? Number.NaN);
      const points: SeriesPoint[] = kept.map(([step, epoch, value, time]) => ({ step, epoch, value: value ?? Number.NaN, time }));
      return { key, points };
    });
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
        const width = (stats.hi - stats.lo + 1) / maxPoints;
        return this.selectReducedSeries.all({ run: runId, key, lo: stats.lo, hi: stats.hi, width }) as SeriesRow[];
      }
    }
    return this.selectSeries.all(runId, key) as SeriesRow[];
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
