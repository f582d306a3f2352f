import type { ExperimentConfig } from '../../shared/experiments/experimentConfig.js';
import type { ExperimentBundle } from '../../shared/experiments/experimentBundle.js';
import type { ExperimentSummary } from '../../shared/experiments/experimentTypes.js';

export interface NewExperiment {
  name: string;
  config: ExperimentConfig;
  notes?: string;
}

/** Where experiments are kept, beside the runs (same database). */
export interface ExperimentStore {
  createExperiment(experiment: NewExperiment): ExperimentSummary;
  getExperiment(id: number): ExperimentSummary | undefined;
  /** Experiments, newest first. */
  listExperiments(): ExperimentSummary[];
  /** The experiment with its runs, their metrics and their rows of other per-run tables, as one file's content. */
  exportExperiment(id: number, appVersion?: string): ExperimentBundle;
  /**
   * Stores a (validated) bundle as a new experiment with new run ids, all in one transaction: every
   * row or nothing. Returns the new experiment.
   */
  importExperiment(bundle: ExperimentBundle): ExperimentSummary;
}
