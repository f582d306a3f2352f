import type { RunConfig } from '../../shared/config/runConfig.js';
import type { MetricReporter } from './metricReporter.js';

/** What a training loop gets from the training process: the run, where data is, and its channel. */
export interface TrainingContext {
  config: RunConfig;
  dataDir: string;
  reporter: MetricReporter;
  isCancelled(): boolean;
}
