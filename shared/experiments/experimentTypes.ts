import type { ExperimentConfig } from './experimentConfig.js';

/** An experiment as the API returns it. */
export interface ExperimentSummary {
  id: number;
  name: string;
  config: ExperimentConfig;
  notes: string;
  createdAt: string;
  /** Its runs' ids, in the order they were created (setting by setting, seed by seed). */
  runIds: number[];
  /** How many of its runs are in each status. */
  statusCounts: Record<string, number>;
  /** Each setting's display label, by setting index (stored labels, else the generated ones). */
  settingLabels: string[];
  /** Whether it came from an imported file. */
  imported: boolean;
}

/** What an experiment config expands to, for the form: the count, each run, and an estimated time. */
export interface ExperimentPreview {
  runCount: number;
  settingCount: number;
  runs: { name: string; settingIndex: number; seed: number }[];
  /** Each setting's label (a stored label, else the generated one: "MAS 0.3/0.7"), by setting index. */
  settingLabels: string[];
  /** Seconds to train every run at the queue's concurrency, from the pace of similar finished runs; null when there is none. */
  estimatedSeconds: number | null;
  /** How the estimate was made. */
  estimateBasis: string;
}
