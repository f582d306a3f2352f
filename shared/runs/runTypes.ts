import { z } from 'zod';
import type { RunConfig } from '../config/runConfig.js';

export const runStatuses = ['queued', 'running', 'completed', 'failed', 'cancelled', 'diverged', 'interrupted'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const finishedStatuses: readonly RunStatus[] = ['completed', 'failed', 'cancelled', 'diverged', 'interrupted'];
/** The statuses a run can resume from its last epoch checkpoint in. */
export const resumableStatuses: readonly RunStatus[] = ['interrupted', 'failed', 'cancelled'];

export type { BackendInfo, GpuAdapterInfo } from '../training/backendInfo.js';
import type { BackendInfo } from '../training/backendInfo.js';

export interface RunProgress {
  epoch: number;
  totalEpochs: number;
  step: number;
  totalSteps: number;
  /** Seconds left, estimated from the pace so far; null until there is a pace. */
  etaSeconds: number | null;
}

export interface RunSummary {
  id: number;
  name: string;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  config: RunConfig;
  seed: number;
  backend: BackendInfo | null;
  progress: RunProgress | null;
  error: string | null;
  /** Last recorded value of each epoch metric, for the runs table. */
  lastMetrics: Record<string, number>;
  /** The experiment the run belongs to, if any (the store always fills these fields). */
  experimentId?: number | null;
  /** Which setting (point of the experiment's sweep, from 0) the run trains, and that setting's values by dotted path. */
  settingIndex?: number | null;
  setting?: Record<string, unknown> | null;
  /** Which trial (seed) of its setting the run is, from 0. */
  trial?: number | null;
  tags?: string[];
  notes?: string;
  /** The run's latest epoch checkpoint (manifest path, epoch, step), from which it can resume; null when none. */
  checkpoint?: RunCheckpoint | null;
}

/** Where a run's latest epoch checkpoint is and which epoch and step it ends. */
export interface RunCheckpoint {
  path: string;
  epoch: number;
  step: number;
}

/** Any number, NaN and ±Infinity included: a diverging run's values must reach the main process to be reported. */
const anyNumber = z.custom<number>((value) => typeof value === 'number', { message: 'expected a number' });

/** One recorded value. `step` is the global optimizer step; `epoch` is 1-based, 0 for step metrics. */
export const metricPointSchema = z.object({
  key: z.string(),
  step: z.number().int().min(0),
  epoch: z.number().int().min(0),
  value: anyNumber,
  /** Seconds since the run started. */
  time: z.number(),
});
export type MetricPoint = z.infer<typeof metricPointSchema>;

export interface MetricSeries {
  key: string;
  points: { step: number; epoch: number; value: number; time: number }[];
}

/** Metric names the training loop writes. */
export const metricKeys = {
  trainLossStep: 'train/loss_step',
  lr: 'train/lr',
  stepTime: 'train/step_time',
  trainLoss: 'train/loss',
  trainAccuracy: 'train/accuracy',
  testLoss: 'test/loss',
  testAccuracy: 'test/accuracy',
  testMacroF1: 'test/macro_f1',
  /** Matthews correlation, for datasets whose benchmark reports it (CoLA). */
  testMcc: 'test/mcc',
  trainPerplexity: 'train/perplexity',
  testPerplexity: 'test/perplexity',
  /** A validation split's metrics (`training.validation`): the test metrics' names under `val/`. */
  valLoss: 'val/loss',
  valAccuracy: 'val/accuracy',
  valMacroF1: 'val/macro_f1',
  valMcc: 'val/mcc',
  valPerplexity: 'val/perplexity',
  samplesPerSecond: 'train/samples_per_s',
  /** Live tensors and their bytes (on the GPU for webgpu) at the end of each epoch: constant when nothing leaks. */
  liveTensors: 'system/tensors',
  liveTensorBytes: 'system/tensor_bytes',
  distanceToMinimum: 'surface/distance_to_min',
} as const;

/** The series of the learning rate of a fusion plan's group (0-based index): `lr/group1`, `lr/group2`, … */
export function groupLearningRateKey(index: number): string {
  return `lr/group${index + 1}`;
}

/** The series of the learning rate of a mixer's part (0-based index; MAS: SGD, then Adam): `lr/part1`, `lr/part2`, … */
export function partLearningRateKey(index: number): string {
  return `lr/part${index + 1}`;
}

/** The part index (0-based) of a `lr/part<n>` series, or null for any other series. */
export function partOfLearningRateKey(key: string): number | null {
  const match = /^lr\/part(\d+)$/.exec(key);
  return match ? Number(match[1]) - 1 : null;
}

/** The group index (0-based) of a `lr/group<n>` series, or null for any other series. */
export function groupOfLearningRateKey(key: string): number | null {
  const match = /^lr\/group(\d+)$/.exec(key);
  return match ? Number(match[1]) - 1 : null;
}
