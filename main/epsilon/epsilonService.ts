import { ApiError } from '../../shared/api/apiError.js';
import type { ApiParsedInput, EpsilonSweepResult, ExportedFile } from '../../shared/api/contract.js';
import type { RunSummary } from '../../shared/runs/runTypes.js';
import { histogramsCsv, layerStatsCsv, searchRangeCsv } from '../../shared/science/epsilon/epsilonExport.js';
import {
  firstEpochCapture,
  higherIsBetter,
  runSearchRange,
  type EpsilonHeatmapView,
  type EpsilonRunView,
} from '../../shared/science/epsilon/epsilonRunView.js';
import { planEpsilonSweep, sweepEpsilons, type EpsilonSweepPoint } from '../../shared/science/epsilon/epsilonSweep.js';
import { hasAdaptiveTerm, runEpsilon } from '../../shared/science/epsilon/runEpsilon.js';
import { epsilonSearchRange } from '../../shared/science/epsilon/searchRange.js';
import { bestOf, buildHeatmap, type HeatmapRun } from '../../shared/science/epsilon/sweepHeatmap.js';
import type { HistogramStore } from '../store/histogramStore.js';
import type { RunStore } from '../store/runStore.js';

/** Creates and queues the runs of a sweep; returns them in any order (they are matched by their config). */
export type CreateSweepRuns = (points: readonly EpsilonSweepPoint[], sweepName: string, source: RunSummary) => Promise<RunSummary[]>;

export interface EpsilonServiceOptions {
  runs: RunStore;
  histograms: HistogramStore;
  createSweepRuns: CreateSweepRuns;
  now?: () => number;
}

/**
 * The API methods of seed 003's ε analysis: a run's histograms and search range, the one-click sweep
 * that tests the range, the α × ε / β2 × ε heatmaps of the sweep's runs, and exports.
 */
export class EpsilonService {
  private readonly runs: RunStore;
  private readonly histograms: HistogramStore;
  private readonly createSweepRuns: CreateSweepRuns;
  private readonly now: () => number;

  constructor(options: EpsilonServiceOptions) {
    this.runs = options.runs;
    this.histograms = options.histograms;
    this.createSweepRuns = options.createSweepRuns;
    this.now = options.now ?? Date.now;
  }

  async getEpsilonHistograms(input: ApiParsedInput<'getEpsilonHistograms'>): Promise<EpsilonRunView> {
    const run = this.mustGet(input.id);
    const captures = this.histograms.listCaptures(run.id);
    const first = firstEpochCapture(captures);
    return {
      runId: run.id,
      optimizer: run.config.optimizer.type,
      adaptive: hasAdaptiveTerm(run.config.optimizer),
      eps: runEpsilon(run.config.optimizer),
      captures,
      rangeCaptureId: first?.id ?? null,
      range: first ? epsilonSearchRange(first.layers) : null,
      captureSeconds: captures.reduce((sum, c) => sum + c.seconds, 0),
      sweepIds: this.histograms.listSweepsOfRun(run.id).map((s) => s.id),
    };
  }

  async createEpsilonSweep(input: ApiParsedInput<'createEpsilonSweep'>): Promise<EpsilonSweepResult> {
    const source = this.mustGet(input.id);
    const range = runSearchRange(this.histograms.listCaptures(source.id));
    let points: EpsilonSweepPoint[];
    try {
      const epsilons = sweepEpsilons(input.request, range);
      points = planEpsilonSweep(source.config, baseName(source), epsilons, input.request);
    } catch (error) {
      throw new ApiError((error as Error).message, 'invalid-input');
    }
    const created = await this.createSweepRuns(points, `ε sweep of run ${source.id}`, source);
    const links = created.map((run) => {
      const o = run.config.optimizer as { eps?: number; lr?: number; beta2?: number };
      const point = points.find((p) => p.eps === o.eps && p.lr === o.lr && (p.beta2 === null || p.beta2 === o.beta2));
      if (!point) throw new Error(`run ${run.id} matches no point of the ε sweep`);
      return { runId: run.id, eps: point.eps, lr: point.lr, beta2: point.beta2 };
    });
    const sweep = this.histograms.addSweep({
      sourceRunId: source.id,
      request: input.request,
      range,
      createdAt: new Date(this.now()).toISOString(),
      runs: links,
    });
    return { sweepId: sweep.id, runs: created };
  }

  async getEpsilonHeatmap(input: ApiParsedInput<'getEpsilonHeatmap'>): Promise<EpsilonHeatmapView> {
    const run = this.mustGet(input.id);
    const sweeps = this.histograms.listSweepsOfRun(run.id);
    const members = new Map<number, { eps: number; lr: number; beta2: number | null }>();
    for (const sweep of sweeps) for (const r of sweep.runs) members.set(r.runId, r);
    // Besides the sweeps' runs: their sources, this run, and the runs of this run's experiment (a grid
    // over ε and lr made by hand is a sweep too), each read from its config.
    const others: RunSummary[] = [run];
    for (const s of sweeps) {
      const source = s.sourceRunId === null ? undefined : this.runs.getRun(s.sourceRunId);
      if (source) others.push(source);
    }
    if (run.experimentId !== undefined && run.experimentId !== null) others.push(...this.runs.listRuns({ experimentId: run.experimentId }));
    for (const other of others) {
      if (members.has(other.id)) continue;
      const o = other.config.optimizer as { eps?: number; lr?: number; beta2?: number };
      if (typeof o.eps === 'number' && typeof o.lr === 'number') members.set(other.id, { eps: o.eps, lr: o.lr, beta2: o.beta2 ?? null });
    }
    const better = higherIsBetter(input.metric);
    const cells: HeatmapRun[] = [];
    for (const [runId, values] of members) {
      const beta2 = values.beta2 ?? this.runBeta2(runId);
      const y = input.axis === 'lr' ? values.lr : beta2;
      if (y === null) continue;
      const series = this.runs.getMetrics(runId, { keys: [input.metric], maxPoints: 0 });
      const best = bestOf(series[0]?.points.map((p) => p.value) ?? [], better);
      cells.push({ runId, eps: values.eps, y, other: input.axis === 'lr' ? beta2 : values.lr, best });
    }
    const sourceRange = sweeps.find((s) => s.range !== null)?.range ?? runSearchRange(this.histograms.listCaptures(run.id));
    const aggregation = input.at === undefined ? { kind: 'best' as const } : { kind: 'at' as const, value: input.at };
    return { ...buildHeatmap(cells, better, aggregation), metric: input.metric, axis: input.axis, higherIsBetter: better, range: sourceRange };
  }

  async exportEpsilon(input: ApiParsedInput<'exportEpsilon'>): Promise<ExportedFile> {
    const view = await this.getEpsilonHistograms({ id: input.id });
    const stem = `run-${view.runId}-epsilon`;
    switch (input.format) {
      case 'json':
        return { fileName: `${stem}.json`, mimeType: 'application/json', content: JSON.stringify(view, null, 1) };
      case 'histograms-csv':
        return { fileName: `${stem}-histograms.csv`, mimeType: 'text/csv', content: histogramsCsv(view.captures) };
      case 'stats-csv':
        return { fileName: `${stem}-layers.csv`, mimeType: 'text/csv', content: layerStatsCsv(view.captures) };
      case 'range-csv':
        return { fileName: `${stem}-range.csv`, mimeType: 'text/csv', content: searchRangeCsv(view.range) };
    }
  }

  private runBeta2(runId: number): number | null {
    const beta2 = (this.runs.getRun(runId)?.config.optimizer as { beta2?: number } | undefined)?.beta2;
    return typeof beta2 === 'number' ? beta2 : null;
  }

  private mustGet(id: number): RunSummary {
    const run = this.runs.getRun(id);
    if (!run) throw new ApiError(`There is no run ${id}`, 'not-found');
    return run;
  }
}

function baseName(run: RunSummary): string {
  return run.name.replace(/ ε=\S+ lr=\S+( β2=\S+)?$/, '');
}
