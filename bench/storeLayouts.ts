/**
 * The metric store's layout measured against alternatives, each in a fresh SQLite file with the app's
 * pragmas (WAL, synchronous NORMAL), on the same points: ingest rate (batches of 200 of two runs
 * interleaved, one transaction each, as two training runs are stored), bytes per point (dbstat of the
 * layout's tables and indexes), and read time (every point of each series into JavaScript values; a
 * range of 1,000 steps from the middle). Point storage only: the 16-step buckets of migration 007 are
 * kept alike by every layout that has rows and are left out here (bench/storeIngest.ts measures the
 * app's store with them).
 *
 * - rows: migrations 001 + 004 (before 014): a row per point, the key text in each, a covering index.
 * - lookup: keys in a lookup table (`metric_series`), rows of series id + point, a covering index.
 * - clustered: keys in a lookup table, the points a WITHOUT ROWID table keyed by (series, step, seq):
 *   one b-tree, no second copy. What migration 014 adopted.
 * - chunks: keys in a lookup table, each series' points packed in chunks of 1,024 (Int32 step and
 *   epoch, Float64 value and time) as BLOBs; each batch rewrites its series' last, partial chunk, so
 *   every committed batch is durable, as with rows.
 *
 *   npm run bench -- --only storeLayouts [--runs 20] [--points 10000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const runCount = option('runs', 20);
const pointsPerRun = option('points', 10_000);
const rounds = option('rounds', 3);
const batchSize = 200;
const chunkPoints = 1024;

interface Point {
  key: string;
  step: number;
  epoch: number;
  value: number;
  time: number;
}

interface Layout {
  name: string;
  tables: string[];
  append(run: number, points: readonly Point[]): void;
  /** Every point of the series, as JavaScript values; returns how many. */
  readAll(run: number, key: string): number;
  readRange(run: number, key: string, lo: number, hi: number): number;
}

const seriesSchema = `CREATE TABLE metric_series (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, key TEXT NOT NULL, UNIQUE (run_id, key));`;

/** A series id per (run, key), made on first use. */
function seriesIds(db: Database): (run: number, key: string) => number {
  const select = db.prepare('SELECT id FROM metric_series WHERE run_id = ? AND key = ?').pluck();
  const insert = db.prepare('INSERT INTO metric_series (run_id, key) VALUES (?, ?)');
  return (run, key) => (select.get(run, key) as number | undefined) ?? Number(insert.run(run, key).lastInsertRowid);
}

function rowsLayout(db: Database): Layout {
  db.exec(`CREATE TABLE metrics (run_id INTEGER NOT NULL, key TEXT NOT NULL, step INTEGER NOT NULL, epoch INTEGER NOT NULL, value REAL, time REAL NOT NULL);
           CREATE INDEX metrics_by_run_key_step ON metrics (run_id, key, step, epoch, value, time);`);
  const insert = db.prepare('INSERT INTO metrics (run_id, key, step, epoch, value, time) VALUES (?, ?, ?, ?, ?, ?)');
  const all = db.prepare('SELECT step, epoch, value, time FROM metrics WHERE run_id = ? AND key = ? ORDER BY step, rowid').raw(true);
  const range = db.prepare('SELECT step, epoch, value, time FROM metrics WHERE run_id = ? AND key = ? AND step BETWEEN ? AND ? ORDER BY step, rowid').raw(true);
  return {
    name: 'rows (before 014)',
    tables: ['metrics', 'metrics_by_run_key_step'],
    append: db.transaction((run: number, points: readonly Point[]) => {
      for (const p of points) insert.run(run, p.key, p.step, p.epoch, p.value, p.time);
    }),
    readAll: (run, key) => all.all(run, key).length,
    readRange: (run, key, lo, hi) => range.all(run, key, lo, hi).length,
  };
}

function lookupLayout(db: Database): Layout {
  db.exec(`${seriesSchema}
           CREATE TABLE metric_points (series_id INTEGER NOT NULL, step INTEGER NOT NULL, epoch INTEGER NOT NULL, value REAL, time REAL NOT NULL);
           CREATE INDEX metric_points_by_series_step ON metric_points (series_id, step, epoch, value, time);`);
  const series = seriesIds(db);
  const insert = db.prepare('INSERT INTO metric_points (series_id, step, epoch, value, time) VALUES (?, ?, ?, ?, ?)');
  const all = db.prepare('SELECT step, epoch, value, time FROM metric_points WHERE series_id = ? ORDER BY step, rowid').raw(true);
  const range = db.prepare('SELECT step, epoch, value, time FROM metric_points WHERE series_id = ? AND step BETWEEN ? AND ? ORDER BY step, rowid').raw(true);
  return {
    name: 'lookup',
    tables: ['metric_series', 'sqlite_autoindex_metric_series_1', 'metric_points', 'metric_points_by_series_step'],
    append: db.transaction((run: number, points: readonly Point[]) => {
      const ids = new Map<string, number>();
      for (const p of points) {
        let id = ids.get(p.key);
        if (id === undefined) ids.set(p.key, (id = series(run, p.key)));
        insert.run(id, p.step, p.epoch, p.value, p.time);
      }
    }),
    readAll: (run, key) => all.all(series(run, key)).length,
    readRange: (run, key, lo, hi) => range.all(series(run, key), lo, hi).length,
  };
}

function clusteredLayout(db: Database): Layout {
  db.exec(`${seriesSchema}
           CREATE TABLE metric_points (series_id INTEGER NOT NULL, step INTEGER NOT NULL, seq INTEGER NOT NULL, epoch INTEGER NOT NULL, value REAL, time REAL NOT NULL,
                                       PRIMARY KEY (series_id, step, seq)) WITHOUT ROWID;`);
  const series = seriesIds(db);
  const lastStep = db.prepare('SELECT max(step) FROM metric_points WHERE series_id = ?').pluck();
  const nextSeq = db.prepare('SELECT coalesce(max(seq) + 1, 0) FROM metric_points WHERE series_id = ? AND step = ?').pluck();
  const insert = db.prepare('INSERT INTO metric_points (series_id, step, seq, epoch, value, time) VALUES (?, ?, ?, ?, ?, ?)');
  const all = db.prepare('SELECT step, epoch, value, time FROM metric_points WHERE series_id = ? ORDER BY step, seq').raw(true);
  const range = db.prepare('SELECT step, epoch, value, time FROM metric_points WHERE series_id = ? AND step BETWEEN ? AND ? ORDER BY step, seq').raw(true);
  return {
    name: 'clustered (014)',
    tables: ['metric_series', 'sqlite_autoindex_metric_series_1', 'metric_points'],
    append: db.transaction((run: number, points: readonly Point[]) => {
      const known = new Map<string, { id: number; last: number }>();
      for (const p of points) {
        let s = known.get(p.key);
        if (!s) {
          const id = series(run, p.key);
          known.set(p.key, (s = { id, last: (lastStep.get(id) as number | null) ?? -1 }));
        }
        const seq = p.step > s.last ? 0 : (nextSeq.get(s.id, p.step) as number);
        s.last = Math.max(s.last, p.step);
        insert.run(s.id, p.step, seq, p.epoch, p.value, p.time);
      }
    }),
    readAll: (run, key) => all.all(series(run, key)).length,
    readRange: (run, key, lo, hi) => range.all(series(run, key), lo, hi).length,
  };
}

/** n points packed as Int32 step, Int32 epoch, Float64 value, Float64 time (24 bytes each). */
function pack(points: readonly Point[]): Buffer {
  const n = points.length;
  const buffer = new ArrayBuffer(n * 24);
  const steps = new Int32Array(buffer, 0, n);
  const epochs = new Int32Array(buffer, 4 * n, n);
  const values = new Float64Array(buffer, 8 * n, n);
  const times = new Float64Array(buffer, 16 * n, n);
  points.forEach((p, i) => {
    steps[i] = p.step;
    epochs[i] = p.epoch;
    values[i] = p.value;
    times[i] = p.time;
  });
  return Buffer.from(buffer);
}

function unpack(blob: Buffer, n: number): { steps: Int32Array; epochs: Int32Array; values: Float64Array; times: Float64Array } {
  // A BLOB's bytes are not 8-aligned: copied once into an aligned buffer.
  const buffer = new ArrayBuffer(blob.length);
  blob.copy(Buffer.from(buffer));
  return { steps: new Int32Array(buffer, 0, n), epochs: new Int32Array(buffer, 4 * n, n), values: new Float64Array(buffer, 8 * n, n), times: new Float64Array(buffer, 16 * n, n) };
}

function chunksLayout(db: Database): Layout {
  db.exec(`${seriesSchema}
           CREATE TABLE metric_chunks (series_id INTEGER NOT NULL, chunk INTEGER NOT NULL, n INTEGER NOT NULL, first_step INTEGER NOT NULL, last_step INTEGER NOT NULL, points BLOB NOT NULL,
                                       PRIMARY KEY (series_id, chunk)) WITHOUT ROWID;`);
  const series = seriesIds(db);
  const lastChunk = db.prepare('SELECT chunk, n, points FROM metric_chunks WHERE series_id = ? ORDER BY chunk DESC LIMIT 1');
  const upsert = db.prepare('INSERT OR REPLACE INTO metric_chunks (series_id, chunk, n, first_step, last_step, points) VALUES (?, ?, ?, ?, ?, ?)');
  const all = db.prepare('SELECT n, points FROM metric_chunks WHERE series_id = ? ORDER BY chunk').raw(true);
  const range = db.prepare('SELECT n, points FROM metric_chunks WHERE series_id = ? AND last_step >= ? AND first_step <= ? ORDER BY chunk').raw(true);
  const toPoints = (key: string, blob: Buffer, n: number): Point[] => {
    const u = unpack(blob, n);
    return Array.from({ length: n }, (_, i) => ({ key, step: u.steps[i], epoch: u.epochs[i], value: u.values[i], time: u.times[i] }));
  };
  return {
    name: 'chunks (BLOB)',
    tables: ['metric_series', 'sqlite_autoindex_metric_series_1', 'metric_chunks'],
    append: db.transaction((run: number, points: readonly Point[]) => {
      const byKey = new Map<string, Point[]>();
      for (const p of points) (byKey.get(p.key) ?? byKey.set(p.key, []).get(p.key)!).push(p);
      for (const [key, fresh] of byKey) {
        const id = series(run, key);
        const last = lastChunk.get(id) as { chunk: number; n: number; points: Buffer } | undefined;
        let chunk = last ? last.chunk : 0;
        let tail = last && last.n < chunkPoints ? toPoints(key, last.points, last.n) : [];
        if (last && last.n >= chunkPoints) chunk++;
        for (const p of fresh) {
          tail.push(p);
          if (tail.length === chunkPoints) {
            upsert.run(id, chunk, tail.length, tail[0].step, tail[tail.length - 1].step, pack(tail));
            chunk++;
            tail = [];
          }
        }
        if (tail.length > 0) upsert.run(id, chunk, tail.length, tail[0].step, tail[tail.length - 1].step, pack(tail));
      }
    }),
    readAll: (run, key) => {
      let n = 0;
      for (const [count, blob] of all.all(series(run, key)) as [number, Buffer][]) n += unpack(blob, count).steps.length;
      return n;
    },
    readRange: (run, key, lo, hi) => {
      let n = 0;
      for (const [count, blob] of range.all(series(run, key), lo, hi) as [number, Buffer][]) {
        const { steps } = unpack(blob, count);
        for (let i = 0; i < steps.length; i++) if (steps[i] >= lo && steps[i] <= hi) n++;
      }
      return n;
    },
  };
}

/** Two runs at a time, batches of 200 alternating between them: per step a loss, every 1,000 steps an accuracy. */
function* batches(): Generator<[number, Point[]]> {
  for (let first = 1; first <= runCount; first += 2) {
    const pair = [first, first + 1].filter((r) => r <= runCount);
    const pending = new Map(pair.map((r) => [r, [] as Point[]]));
    for (let step = 1; step <= pointsPerRun; step++) {
      for (const run of pair) {
        const batch = pending.get(run)!;
        batch.push({ key: 'train/loss_step', step, epoch: 0, value: Math.exp(-step / 3000) + 0.05 * Math.sin(step * 0.37 + run), time: step * 0.01 });
        if (step % 1000 === 0) batch.push({ key: 'test/accuracy', step, epoch: step / 1000, value: 1 - Math.exp(-step / 3000), time: step * 0.01 });
        if (batch.length >= batchSize) {
          yield [run, batch];
          pending.set(run, []);
        }
      }
    }
    for (const [run, batch] of pending) if (batch.length > 0) yield [run, batch];
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const layouts = [rowsLayout, lookupLayout, clusteredLayout, chunksLayout];
const results = new Map<string, { ingest: number[]; bytes: number; readAll: number[]; readRange: number[] }>();
const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-bench-layouts-'));
try {
  // Rounds alternate the layouts, so a change of the machine's load hits each of them.
  for (let round = 0; round < rounds; round++) {
    for (const make of layouts) {
      const file = path.join(dir, `layout-${round}-${make.name}.db`);
      const db = new BetterSqlite3(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const layout = make(db);
      let points = 0;
      const t0 = performance.now();
      for (const [run, batch] of batches()) {
        layout.append(run, batch);
        points += batch.length;
      }
      const ingestSeconds = (performance.now() - t0) / 1000;
      db.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = (db.prepare(`SELECT sum(pgsize) FROM dbstat WHERE name IN (${layout.tables.map(() => '?').join(', ')})`).pluck().get(...layout.tables) as number) / points;
      const t1 = performance.now();
      let read = 0;
      for (let run = 1; run <= runCount; run++) read += layout.readAll(run, 'train/loss_step');
      const readAll = performance.now() - t1;
      if (read !== runCount * pointsPerRun) throw new Error(`${layout.name} read ${read} points`);
      const t2 = performance.now();
      const mid = Math.floor(pointsPerRun / 2);
      for (let run = 1; run <= runCount; run++) if (layout.readRange(run, 'train/loss_step', mid, mid + 999) !== 1000) throw new Error(`${layout.name}: range`);
      const readRange = performance.now() - t2;
      db.close();
      const entry = results.get(layout.name) ?? { ingest: [], bytes, readAll: [], readRange: [] };
      entry.ingest.push(points / ingestSeconds);
      entry.readAll.push(readAll);
      entry.readRange.push(readRange);
      results.set(layout.name, entry);
    }
  }
  const points = runCount * (pointsPerRun + Math.floor(pointsPerRun / 1000));
  console.log(`${runCount} runs × ${pointsPerRun.toLocaleString('en')} steps (${points.toLocaleString('en')} points), batches of ${batchSize}, medians of ${rounds} rounds; load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  console.log('layout              ingest (points/s)   bytes/point   read all (ms)   read 1,000-step range ×runs (ms)');
  for (const [name, r] of results) {
    console.log(
      `${name.padEnd(20)}${Math.round(median(r.ingest)).toLocaleString('en').padStart(17)}${r.bytes.toFixed(1).padStart(14)}${median(r.readAll).toFixed(0).padStart(16)}${median(r.readRange).toFixed(1).padStart(35)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
