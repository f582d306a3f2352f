import type { ExperimentConfig } from '../../shared/experiments/experimentConfig.js';
import type { ColumnarBundle } from '../../shared/experiments/columnarBundle.js';
import type { ExperimentBundle } from '../../shared/experiments/experimentBundle.js';
import type { ExperimentSummary } from '../../shared/experiments/experimentTypes.js';

export interface ImportOptions {
  /** Metric points per transaction (default 4,000). */
  pointsPerChunk?: number;
  /** The SHA-256 of the file's content, kept to recognise the same file imported again. */
  contentHash?: string;
}

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
   * Stores a (validated) bundle as a new experiment with new run ids: every row or nothing. The rows go
   * in a chunk per transaction, hidden until the last is in, so the write lock is never held long; on
   * any failure what was written is deleted. Returns the new experiment.
   */
  importExperiment(bundle: ColumnarBundle, options?: ImportOptions): Promise<ExperimentSummary>;
  /** The experiment an import of this content made (the oldest, when copies were made), if any. */
  findImportByContentHash(contentHash: string): ExperimentSummary | undefined;
  /** Replaces an experiment's name and config (its trials and labels change; its sweep does not). */
  updateExperiment(id: number, changes: { name?: string; config?: ExperimentConfig }): ExperimentSummary;
  /** Deletes the experiment's row; its runs stay, belonging to no experiment (the caller deletes them first if asked). */
  deleteExperiment(id: number): boolean;
  /** Deletes imports a stopped process left unfinished (still hidden); returns how many. */
  deleteUnfinishedImports(): number;
}
