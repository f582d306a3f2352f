import type { RunSummary } from '../../shared/runs/runTypes.js';
import type { EpsilonSweepPoint } from '../../shared/science/epsilon/epsilonSweep.js';
import type { CreateSweepRuns } from './epsilonService.js';

/** Sweep runs as plain runs, each created and queued on its own (named `<base> ε=… lr=…`). */
export function plainSweepRuns(createRun: (input: { config: EpsilonSweepPoint['config'] }) => Promise<RunSummary>): CreateSweepRuns {
  return async (points) => {
    const created: RunSummary[] = [];
    for (const point of points) created.push(await createRun({ config: point.config }));
    return created;
  };
}

/** What the sweep needs of the experiments feature. */
export interface ExperimentCreator {
  createExperiment(input: { config: Record<string, unknown> }): Promise<{ id: number }>;
  listRunsOfExperiment(experimentId: number): RunSummary[];
}

/**
 * Sweep runs as one experiment: the source run's config as the base, a grid over `optimizer.eps`,
 * `optimizer.lr` (and `optimizer.beta2`), one trial with the source's seed. The experiment's runs are
 * the sweep's runs; the heatmap finds them through the sweep's links either way.
 */
export function experimentSweepRuns(experiments: ExperimentCreator): CreateSweepRuns {
  return async (points, sweepName, source) => {
    const unique = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))].sort((a, b) => a - b);
    const axes: { path: string; values: number[] }[] = [
      { path: 'optimizer.eps', values: unique(points.map((p) => p.eps)) },
      { path: 'optimizer.lr', values: unique(points.map((p) => p.lr)) },
    ];
    const beta2s = unique(points.map((p) => p.beta2));
    if (beta2s.length > 0) axes.push({ path: 'optimizer.beta2', values: beta2s });
    const { name: _name, ...base } = source.config;
    const experiment = await experiments.createExperiment({
      config: { name: sweepName, base, sweep: { axes }, trials: { seeds: [source.config.training.seed] } },
    });
    return experiments.listRunsOfExperiment(experiment.id);
  };
}
