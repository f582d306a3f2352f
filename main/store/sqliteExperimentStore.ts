import type { Database } from 'better-sqlite3';
import { experimentConfigSchema, type ExperimentConfig } from '../../shared/experiments/experimentConfig.js';
import type { ColumnarBundle } from '../../shared/experiments/columnarBundle.js';
import { bundleFormat, bundleVersion, type BundleRun, type BundleSeries, type BundleTableRow, type ExperimentBundle } from '../../shared/experiments/experimentBundle.js';
import type { ExperimentSummary } from '../../shared/experiments/experimentTypes.js';
import { experimentSettingLabels } from '../../shared/experiments/expandExperiment.js';
import type { MetricPoint } from '../../shared/runs/runTypes.js';
import type { ExperimentStore, ImportOptions, NewExperiment } from './experimentStore.js';
import type { RunRow } from './runRow.js';
import { copiedRunTables } from './runSideTables.js';
import type { SqliteRunStore } from './sqliteRunStore.js';

interface ExperimentRow {
  id: number;
  name: string;
  config: string;
  notes: string;
  created_at: string;
  content_hash: string | null;
}

/** Tables a bundle carries in its own form (metric series and their points) or that are rebuilt on import (latest values, buckets). */
const tablesCarriedApart = new Set(['metric_series', 'latest_epoch_metrics']);

/** Metric points stored per transaction of an import (a few milliseconds of writing each). */
const defaultPointsPerChunk = 4000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** SQLite implementation of the experiment store; shares the run store's database. */
export class SqliteExperimentStore implements ExperimentStore {
  constructor(
    private readonly db: Database,
    private readonly runs: SqliteRunStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  createExperiment(experiment: NewExperiment): ExperimentSummary {
    const result = this.db
      .prepare('INSERT INTO experiments (name, config, notes, created_at) VALUES (?, ?, ?, ?)')
      .run(experiment.name, JSON.stringify(experiment.config), experiment.notes ?? experiment.config.notes ?? '', this.now().toISOString());
    return this.getExperiment(Number(result.lastInsertRowid))!;
  }

  getExperiment(id: number): ExperimentSummary | undefined {
    const row = this.db.prepare('SELECT * FROM experiments WHERE id = ? AND import_pending = 0').get(id) as ExperimentRow | undefined;
    return row && this.toSummary(row);
  }

  listExperiments(): ExperimentSummary[] {
    return (this.db.prepare('SELECT * FROM experiments WHERE import_pending = 0 ORDER BY id DESC').all() as ExperimentRow[]).map((row) => this.toSummary(row));
  }

  exportExperiment(id: number, appVersion?: string): ExperimentBundle {
    const row = this.db.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as ExperimentRow | undefined;
    if (!row) throw new Error(`There is no experiment ${id}`);
    const runRows = this.db.prepare('SELECT * FROM runs WHERE experiment_id = ? ORDER BY id').all(id) as RunRow[];
    const copiedTables = copiedRunTables(this.db, tablesCarriedApart);
    const readSeries = this.db
      .prepare('SELECT s.key, p.step, p.epoch, p.value, p.time FROM metric_series AS s JOIN metric_points AS p ON p.series_id = s.id WHERE s.run_id = ? ORDER BY s.key, p.step, p.seq')
      .raw(true);
    return {
      format: bundleFormat,
      version: bundleVersion,
      exportedAt: this.now().toISOString(),
      ...(appVersion ? { appVersion } : {}),
      experiment: { name: row.name, config: JSON.parse(row.config) as Record<string, unknown>, notes: row.notes, createdAt: row.created_at },
      runs: runRows.map((run): BundleRun => {
        const metrics: BundleSeries[] = [];
        for (const [key, step, epoch, value, time] of readSeries.iterate(run.id) as IterableIterator<[string, number, number, number | null, number]>) {
          let series = metrics.at(-1);
          if (!series || series.key !== key) metrics.push((series = { key, step: [], epoch: [], value: [], time: [] }));
          series.step.push(step);
          series.epoch.push(epoch);
          series.value.push(value);
          series.time.push(time);
        }
        const tables: BundleRun['tables'] = {};
        for (const copied of copiedTables) {
          const selected = [...(copied.idColumn ? [copied.idColumn] : []), ...copied.columns];
          const rows = this.db.prepare(`SELECT ${selected.map((c) => `"${c}"`).join(', ')} FROM "${copied.table}" WHERE run_id = ?`).all(run.id) as Record<string, unknown>[];
          if (rows.length === 0) continue;
          tables[copied.table] = rows.map((row): BundleTableRow => {
            const children: BundleTableRow['children'] = {};
            for (const child of copied.children) {
              const childRows = this.db
                .prepare(`SELECT ${child.columns.map((c) => `"${c}"`).join(', ')} FROM "${child.table}" WHERE "${child.parentColumn}" = ?`)
                .all(row[copied.idColumn!]) as Record<string, unknown>[];
              if (childRows.length > 0) children[child.table] = childRows.map(toBundleCells);
            }
            const cells = { ...row };
            if (copied.idColumn) delete cells[copied.idColumn];
            return { cells: toBundleCells(cells), children };
          });
        }
        return {
          sourceId: run.id,
          name: run.name,
          status: run.status as BundleRun['status'],
          config: JSON.parse(run.config) as Record<string, unknown>,
          seed: run.seed,
          backend: run.backend === null ? null : (JSON.parse(run.backend) as Record<string, unknown>),
          progress: run.progress === null ? null : (JSON.parse(run.progress) as Record<string, unknown>),
          error: run.error,
          createdAt: run.created_at,
          startedAt: run.started_at,
          finishedAt: run.finished_at,
          settingIndex: run.setting_index,
          setting: run.setting === null ? null : (JSON.parse(run.setting) as Record<string, unknown>),
          trial: run.trial,
          tags: JSON.parse(run.tags) as string[],
          notes: run.notes,
          metrics,
          tables,
        };
      }),
    };
  }

  async importExperiment(bundle: ColumnarBundle, options: ImportOptions = {}): Promise<ExperimentSummary> {
    const pointsPerChunk = options.pointsPerChunk ?? defaultPointsPerChunk;
    // Every table the file has rows for must be one this database copies, with those columns: checked before writing.
    const copiedTables = new Map(copiedRunTables(this.db, tablesCarriedApart).map((t) => [t.table, t]));
    const checkColumns = (table: string, known: readonly string[], row: Record<string, unknown>) => {
      for (const column of Object.keys(row)) {
        if (!known.includes(column)) throw new Error(`the file's ${table} rows have a column ${column} this database's ${table} table does not have`);
      }
    };
    for (const run of bundle.runs) {
      for (const [table, rows] of Object.entries(run.tables)) {
        const copied = copiedTables.get(table);
        if (!copied) throw new Error(`the file has ${table} rows, but this database has no such table of runs (is this app older than the one that exported it?)`);
        for (const row of rows) {
          checkColumns(table, copied.columns, row.cells);
          for (const [childTable, childRows] of Object.entries(row.children)) {
            const child = copied.children.find((c) => c.table === childTable);
            if (!child) throw new Error(`the file has ${childTable} rows under ${table}, but this database has no such table`);
            for (const childRow of childRows) checkColumns(childTable, child.columns, childRow);
          }
        }
      }
    }
    const insertRun = this.db.prepare(
      `INSERT INTO runs (name, status, config, seed, backend, progress, error, created_at, started_at, finished_at, experiment_id, setting_index, setting, trial, tags, notes, import_pending)
       VALUES (@name, @status, @config, @seed, @backend, @progress, @error, @createdAt, @startedAt, @finishedAt, @experimentId, @settingIndex, @setting, @trial, @tags, @notes, 1)`,
    );
    const insertRow = (table: string, row: Record<string, BundleCell | number>): number => {
      const columns = Object.keys(row);
      const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      return Number(this.db.prepare(sql).run(...columns.map((c) => fromBundleCell(row[c]))).lastInsertRowid);
    };
    // The experiment and its runs first, hidden (import_pending) until every row is in.
    const runIds: number[] = [];
    const experimentId = this.db.transaction((): number => {
      const id = Number(
        this.db
          .prepare('INSERT INTO experiments (name, config, notes, created_at, import_pending, content_hash) VALUES (?, ?, ?, ?, 1, ?)')
          .run(bundle.experiment.name, JSON.stringify(bundle.experiment.config), bundle.experiment.notes, bundle.experiment.createdAt, options.contentHash ?? null).lastInsertRowid,
      );
      for (const run of bundle.runs) {
        const unfinished = run.status === 'queued' || run.status === 'running';
        runIds.push(
          Number(
            insertRun.run({
              name: run.name,
              // A run exported before it finished cannot go on training here.
              status: unfinished ? 'interrupted' : run.status,
              config: JSON.stringify(run.config),
              seed: run.seed,
              backend: run.backend === null ? null : JSON.stringify(run.backend),
              progress: run.progress === null ? null : JSON.stringify(run.progress),
              error: unfinished ? (run.error ?? 'The run was exported before it finished') : run.error,
              createdAt: run.createdAt,
              startedAt: run.startedAt,
              finishedAt: run.finishedAt,
              experimentId: id,
              settingIndex: run.settingIndex,
              setting: run.setting === null ? null : JSON.stringify(run.setting),
              trial: run.trial,
              tags: JSON.stringify(run.tags),
              notes: run.notes,
            }).lastInsertRowid,
          ),
        );
      }
      return id;
    })();
    try {
      // Then the points, a chunk per transaction with the event loop free in between, so that the
      // write lock is never held long (training runs keep storing their metrics meanwhile).
      for (const [r, run] of bundle.runs.entries()) {
        const runId = runIds[r];
        for (const series of run.metrics) {
          for (let from = 0; from < series.step.length; from += pointsPerChunk) {
            const to = Math.min(series.step.length, from + pointsPerChunk);
            const points: MetricPoint[] = [];
            for (let i = from; i < to; i++) points.push({ key: series.key, step: series.step[i], epoch: series.epoch[i], value: series.value[i], time: series.time[i] });
            this.runs.appendMetrics(runId, points);
            await yieldToEventLoop();
          }
        }
        this.db.transaction(() => {
          for (const [table, rows] of Object.entries(run.tables)) {
            const copied = copiedTables.get(table)!;
            for (const row of rows) {
              const parentId = insertRow(table, { run_id: runId, ...row.cells });
              for (const [childTable, childRows] of Object.entries(row.children)) {
                const child = copied.children.find((c) => c.table === childTable)!;
                for (const childRow of childRows) insertRow(childTable, { [child.parentColumn]: parentId, ...childRow });
              }
            }
          }
        })();
        await yieldToEventLoop();
      }
      // Shown all at once.
      this.db.transaction(() => {
        this.db.prepare('UPDATE runs SET import_pending = 0 WHERE experiment_id = ?').run(experimentId);
        this.db.prepare('UPDATE experiments SET import_pending = 0 WHERE id = ?').run(experimentId);
      })();
    } catch (error) {
      this.deletePendingImport(experimentId);
      throw error;
    }
    return this.getExperiment(experimentId)!;
  }

  findImportByContentHash(contentHash: string): ExperimentSummary | undefined {
    const row = this.db.prepare('SELECT * FROM experiments WHERE content_hash = ? AND import_pending = 0 ORDER BY id LIMIT 1').get(contentHash) as ExperimentRow | undefined;
    return row && this.toSummary(row);
  }

  updateExperiment(id: number, changes: { name?: string; config?: ExperimentConfig }): ExperimentSummary {
    if (changes.name !== undefined) this.db.prepare('UPDATE experiments SET name = ? WHERE id = ?').run(changes.name, id);
    if (changes.config !== undefined) this.db.prepare('UPDATE experiments SET config = ? WHERE id = ?').run(JSON.stringify(changes.config), id);
    const updated = this.getExperiment(id);
    if (!updated) throw new Error(`There is no experiment ${id}`);
    return updated;
  }

  deleteExperiment(id: number): boolean {
    return this.db.transaction(() => {
      this.db.prepare('UPDATE runs SET experiment_id = NULL, setting_index = NULL, trial = NULL WHERE experiment_id = ?').run(id);
      return this.db.prepare('DELETE FROM experiments WHERE id = ? AND import_pending = 0').run(id).changes > 0;
    })();
  }

  /** Removes, in one transaction, an import that did not finish (its runs' rows go with them). */
  private deletePendingImport(experimentId: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM runs WHERE experiment_id = ? AND import_pending = 1').run(experimentId);
      this.db.prepare('DELETE FROM experiments WHERE id = ? AND import_pending = 1').run(experimentId);
    })();
  }

  deleteUnfinishedImports(): number {
    const ids = (this.db.prepare('SELECT id FROM experiments WHERE import_pending = 1').all() as { id: number }[]).map((r) => r.id);
    for (const id of ids) this.deletePendingImport(id);
    return ids.length;
  }

  private toSummary(row: ExperimentRow): ExperimentSummary {
    const runs = this.db.prepare('SELECT id, status FROM runs WHERE experiment_id = ? ORDER BY id').all(row.id) as { id: number; status: string }[];
    const statusCounts: Record<string, number> = {};
    for (const run of runs) statusCounts[run.status] = (statusCounts[run.status] ?? 0) + 1;
    const config = parseStoredExperimentConfig(row.config);
    return {
      id: row.id,
      name: row.name,
      config,
      notes: row.notes,
      createdAt: row.created_at,
      runIds: runs.map((r) => r.id),
      statusCounts,
      settingLabels: experimentSettingLabels(config),
      imported: row.content_hash !== null,
    };
  }
}

function parseStoredExperimentConfig(json: string): ExperimentConfig {
  const raw: unknown = JSON.parse(json);
  const parsed = experimentConfigSchema.safeParse(raw);
  return parsed.success ? parsed.data : (raw as ExperimentConfig);
}

type BundleCell = number | string | null | { base64: string };

function toBundleCells(row: Record<string, unknown>): Record<string, BundleCell> {
  const out: Record<string, BundleCell> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value instanceof Uint8Array) out[column] = { base64: Buffer.from(value).toString('base64') };
    else if (typeof value === 'bigint') out[column] = Number(value);
    else out[column] = value as number | string | null;
  }
  return out;
}

function fromBundleCell(cell: BundleCell): number | string | null | Buffer {
  return cell !== null && typeof cell === 'object' ? Buffer.from(cell.base64, 'base64') : cell;
}
