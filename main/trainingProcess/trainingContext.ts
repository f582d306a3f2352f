import type { RunConfig } from '../../shared/config/runConfig.js';
import type { MetricReporter } from './metricReporter.js';

/** What a training loop gets from the training process: the run, where data is, and its channel. */
export interface TrainingContext {
  config: RunConfig;
  dataDir: string;
  reporter: MetricReporter;
  isCancelled(): boolean;
  /** Where to write epoch checkpoints (the run's folder); none are written without it. */
  checkpoint?: { dir: string; runId: number };
  /** The checkpoint manifest to continue from. */
  resumeFrom?: string;
}
