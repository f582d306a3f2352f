import type { Database, Statement } from 'better-sqlite3';
import type { EpsilonCapture, StoredEpsilonCapture } from '../../shared/science/epsilon/epsilonCapture.js';
import { epsilonSweepRequestSchema } from '../../shared/science/epsilon/epsilonSweep.js';
import type { LayerHistogram } from '../../shared/science/epsilon/layerHistogram.js';
import { binSpecSchema } from '../../shared/science/epsilon/logBins.js';
import type { EpsilonSearchRange } from '../../shared/science/epsilon/searchRange.js';
import type { EpsilonSweepRecord, HistogramStore } from './histogramStore.js';

interface CaptureRow {
  id: number;
  run_id: number;
  epoch: number;
  step: number;
  end_of_epoch: number;
  optimizer: string;
  bin_spec: string;
  seconds: number;
}

interface LayerRow {
  capture_id: number;
  layer: string;
  count: number;
  zero_count: number;
  nan_count: number;
  below_count: number;
  above_count: number;
  min: number | null;
  max: number | null;
  p2: number | null;
  p50: number | null;
  p98: number | null;
  eps: number | null;
  fraction_above_eps: number | null;
  bins: string;
}

interface SweepRow {
  id: number;
  source_run_id: number | null;
  request: string;
  range: string | null;
  created_at: string;
}

/** SQLite implementation of the histogram store (tables of `migrations/003_epsilon_histograms.sql`). */
export class SqliteHistogramStore implements HistogramStore {
  private readonly insertCapture: Statement;
  private readonly insertLayer: Statement;
  private readonly selectCaptures: Statement;
  private readonly selectLayers: Statement;
  private readonly insertSweep: Statement;
  private readonly insertSweepRun: Statement;
  private readonly selectSweep: Statement;
  private readonly selectSweepRuns: Statement;
  private readonly selectSweepIdsOfRun: Statement;
  private readonly addCaptureTx: (runId: number, capture: EpsilonCapture) => number;
  private readonly addSweepTx: (sweep: Omit<EpsilonSweepRecord, 'id'>) => number;

  constructor(db: Database) {
    this.insertCapture = db.prepare(
      'INSERT INTO epsilon_captures (run_id, epoch, step, end_of_epoch, optimizer, bin_spec, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertLayer = db.prepare(
      `INSERT INTO epsilon_layer_histograms (capture_id, position, layer, count, zero_count, nan_count, below_count, above_count,
         min, max, p2, p50, p98, eps, fraction_above_eps, bins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectCaptures = db.prepare('SELECT * FROM epsilon_captures WHERE run_id = ? ORDER BY step, id');
    this.selectLayers = db.prepare(
      `SELECT l.* FROM epsilon_layer_histograms l JOIN epsilon_captures c ON c.id = l.capture_id
       WHERE c.run_id = ? ORDER BY l.capture_id, l.position`,
    );
    this.insertSweep = db.prepare('INSERT INTO epsilon_sweeps (source_run_id, request, range, created_at) VALUES (?, ?, ?, ?)');
    this.insertSweepRun = db.prepare('INSERT INTO epsilon_sweep_runs (sweep_id, run_id, eps, lr, beta2) VALUES (?, ?, ?, ?, ?)');
    this.selectSweep = db.prepare('SELECT * FROM epsilon_sweeps WHERE id = ?');
    this.selectSweepRuns = db.prepare('SELECT run_id, eps, lr, beta2 FROM epsilon_sweep_runs WHERE sweep_id = ? ORDER BY run_id');
    this.selectSweepIdsOfRun = db.prepare(
      `SELECT id FROM epsilon_sweeps WHERE source_run_id = ?
       UNION SELECT sweep_id FROM epsilon_sweep_runs WHERE run_id = ? ORDER BY 1 DESC`,
    );
    this.addCaptureTx = db.transaction((runId: number, capture: EpsilonCapture) => {
      const id = Number(
        this.insertCapture.run(runId, capture.epoch, capture.step, capture.endOfEpoch ? 1 : 0, capture.optimizer, JSON.stringify(capture.binSpec), capture.seconds)
          .lastInsertRowid,
      );
      capture.layers.forEach((l, position) => {
        this.insertLayer.run(id, position, l.layer, l.count, l.zeroCount, l.nanCount, l.belowCount, l.aboveCount, l.min, l.max, l.p2, l.p50, l.p98, l.eps, l.fractionAboveEps, JSON.stringify(l.bins));
      });
      return id;
    });
    this.addSweepTx = db.transaction((sweep: Omit<EpsilonSweepRecord, 'id'>) => {
      const id = Number(
        this.insertSweep.run(sweep.sourceRunId, JSON.stringify(sweep.request), sweep.range ? JSON.stringify(sweep.range) : null, sweep.createdAt).lastInsertRowid,
      );
      for (const r of sweep.runs) this.insertSweepRun.run(id, r.runId, r.eps, r.lr, r.beta2);
      return id;
    });
  }

  addCapture(runId: number, capture: EpsilonCapture): number {
    return this.addCaptureTx(runId, capture);
  }

  listCaptures(runId: number): StoredEpsilonCapture[] {
    const layersByCapture = new Map<number, LayerHistogram[]>();
    for (const row of this.selectLayers.all(runId) as LayerRow[]) {
      let list = layersByCapture.get(row.capture_id);
      if (!list) layersByCapture.set(row.capture_id, (list = []));
      list.push({
        layer: row.layer,
        count: row.count,
        zeroCount: row.zero_count,
        nanCount: row.nan_count,
        belowCount: row.below_count,
        aboveCount: row.above_count,
        bins: JSON.parse(row.bins) as [number, number][],
        min: row.min,
        max: row.max,
        p2: row.p2,
        p50: row.p50,
        p98: row.p98,
        eps: row.eps,
        fractionAboveEps: row.fraction_above_eps,
      });
    }
    return (this.selectCaptures.all(runId) as CaptureRow[]).map((row) => ({
      id: row.id,
      runId: row.run_id,
      epoch: row.epoch,
      step: row.step,
      endOfEpoch: row.end_of_epoch === 1,
      optimizer: row.optimizer,
      binSpec: binSpecSchema.parse(JSON.parse(row.bin_spec)),
      seconds: row.seconds,
      layers: layersByCapture.get(row.id) ?? [],
    }));
  }

  addSweep(sweep: Omit<EpsilonSweepRecord, 'id'>): EpsilonSweepRecord {
    const id = this.addSweepTx(sweep);
    return { id, ...sweep };
  }

  getSweep(id: number): EpsilonSweepRecord | undefined {
    const row = this.selectSweep.get(id) as SweepRow | undefined;
    if (!row) return undefined;
    const runs = (this.selectSweepRuns.all(id) as { run_id: number; eps: number; lr: number; beta2: number | null }[]).map((r) => ({
      runId: r.run_id,
      eps: r.eps,
      lr: r.lr,
      beta2: r.beta2,
    }));
    return {
      id: row.id,
      sourceRunId: row.source_run_id,
      request: epsilonSweepRequestSchema.parse(JSON.parse(row.request)),
      range: row.range === null ? null : (JSON.parse(row.range) as EpsilonSearchRange),
      createdAt: row.created_at,
      runs,
    };
  }

  listSweepsOfRun(runId: number): EpsilonSweepRecord[] {
    return (this.selectSweepIdsOfRun.all(runId, runId) as { id: number }[])
      .map((r) => this.getSweep(r.id))
      .filter((s): s is EpsilonSweepRecord => s !== undefined);
  }
}
