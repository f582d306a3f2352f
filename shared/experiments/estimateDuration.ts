import type { RunConfig } from '../config/runConfig.js';
import type { RunSummary } from '../runs/runTypes.js';

/** Optimizer steps a run will take: epochs × steps per epoch (surfaces) or × batches of its training set. */
export function runSteps(config: RunConfig, trainCounts: Readonly<Record<string, number>>): number | null {
  if (config.dataset.kind === 'surface') return config.training.epochs * config.training.stepsPerEpoch;
  const available = trainCounts[config.dataset.kind];
  if (!available) return null;
  const limit = 'trainLimit' in config.dataset && typeof config.dataset.trainLimit === 'number' && config.dataset.trainLimit > 0 ? Math.min(config.dataset.trainLimit, available) : available;
  return config.training.epochs * Math.ceil(limit / config.training.batchSize);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Seconds per step of a finished run (including start-up), or null when unknown. */
function secondsPerStep(run: RunSummary): number | null {
  if (run.status !== 'completed' || !run.startedAt || !run.finishedAt || !run.progress || run.progress.totalSteps <= 0) return null;
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? seconds / run.progress.totalSteps : null;
}

/** Seconds per epoch of a finished run (start-up and test evaluations included), or null when unknown. */
function secondsPerEpoch(run: RunSummary): number | null {
  if (run.status !== 'completed' || !run.startedAt || !run.finishedAt || run.config.training.epochs <= 0) return null;
  const seconds = (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? seconds / run.config.training.epochs : null;
}

/** Same model (every field: widths, depth), same data (kind, path, train and test sizes, augmentation) and batch size. */
function sameWork(a: RunConfig, b: RunConfig): boolean {
  const surface = a.dataset.kind === 'surface';
  return (
    JSON.stringify(a.model) === JSON.stringify(b.model) &&
    JSON.stringify(a.dataset) === JSON.stringify(b.dataset) &&
    (surface ? a.training.stepsPerEpoch === b.training.stepsPerEpoch : a.training.batchSize === b.training.batchSize)
  );
}

export interface DurationEstimate {
  seconds: number | null;
  basis: string;
}

/**
 * How long the runs will take at `concurrency` runs at a time. A run is timed by the finished runs
 * that did the same work — the same model, the same data (size included) and batch size — as their
 * median seconds per epoch (start-up and evaluation included) × its epochs. Without such runs, by
 * its steps × the median pace (seconds per step) of finished runs with the same dataset, model kind
 * and batch size, else the same dataset and model kind, else the same dataset. Null when there is no
 * such run to go by.
 */
export function estimateRunsSeconds(configs: readonly RunConfig[], history: readonly RunSummary[], trainCounts: Readonly<Record<string, number>>, concurrency: number): DurationEstimate {
  const paced = history.map((run) => ({ run, pace: secondsPerStep(run) })).filter((e): e is { run: RunSummary; pace: number } => e.pace !== null);
  const timed = history.map((run) => ({ run, perEpoch: secondsPerEpoch(run) })).filter((e): e is { run: RunSummary; perEpoch: number } => e.perEpoch !== null);
  const levels: { name: string; same: (a: RunConfig, b: RunConfig) => boolean }[] = [
    { name: 'model, data and batch size', same: sameWork },
    { name: 'dataset, model kind and batch size', same: (a, b) => a.dataset.kind === b.dataset.kind && a.model.kind === b.model.kind && a.training.batchSize === b.training.batchSize },
    { name: 'dataset and model kind', same: (a, b) => a.dataset.kind === b.dataset.kind && a.model.kind === b.model.kind },
    { name: 'dataset', same: (a, b) => a.dataset.kind === b.dataset.kind },
  ];
  let total = 0;
  let coarsest = 0;
  let basisRuns = 0;
  for (const config of configs) {
    const peersOfWork = timed.filter((e) => sameWork(e.run.config, config));
    if (peersOfWork.length > 0) {
      total += config.training.epochs * median(peersOfWork.map((e) => e.perEpoch));
      basisRuns = Math.max(basisRuns, peersOfWork.length);
      continue;
    }
    const steps = runSteps(config, trainCounts);
    if (steps === null) return { seconds: null, basis: `the size of ${config.dataset.kind} is not known` };
    const level = levels.findIndex((l, i) => i > 0 && paced.some((e) => l.same(e.run.config, config)));
    if (level < 0) return { seconds: null, basis: `no finished run on ${config.dataset.kind} to take the pace from` };
    const peers = paced.filter((e) => levels[level].same(e.run.config, config));
    coarsest = Math.max(coarsest, level);
    basisRuns = Math.max(basisRuns, peers.length);
    total += steps * median(peers.map((e) => e.pace));
  }
  const parallel = Math.max(1, Math.min(concurrency, configs.length));
  return { seconds: total / parallel, basis: `time of finished runs with the same ${levels[coarsest].name} (up to ${basisRuns}), ${parallel} at a time` };
}
