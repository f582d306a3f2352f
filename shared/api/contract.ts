import { z } from 'zod';
import { runConfigSchema } from '../config/runConfig.js';
import type { BackendInfo, MetricPoint, MetricSeries, RunSummary } from '../runs/runTypes.js';

/**
 * The one API between the renderer and the services. Electron IPC (preload + ipcMain handlers) and
 * browser mode (HTTP + server-sent events) both implement exactly this contract; every input is
 * validated with the schema below on the service side.
 */
const runId = z.number().int().positive();

export const apiMethods = {
  getSystemInfo: { input: z.object({}).strict() },
  listDatasets: { input: z.object({}).strict() },
  listRuns: { input: z.object({}).strict() },
  getRun: { input: z.object({ id: runId }).strict() },
  createRun: { input: z.object({ config: runConfigSchema }).strict() },
  cancelRun: { input: z.object({ id: runId }).strict() },
  getMetrics: {
    input: z
      .object({
        id: runId,
        keys: z.array(z.string().max(200)).max(100).optional(),
        /** Downsample each series to at most this many points (0 = all). */
        maxPoints: z.number().int().min(0).max(100_000).default(2000),
      })
      .strict(),
  },
} as const satisfies Record<string, { input: z.ZodType }>;

export interface SystemInfo {
  appVersion: string;
  /** The backend a new run will train on, and why faster ones are missing. */
  backend: BackendInfo;
  dbPath: string;
  dataDir: string;
  /** 'electron' in the desktop app, 'browser' for the local web server. */
  mode: 'electron' | 'browser';
}

export interface DatasetInfo {
  kind: string;
  title: string;
  available: boolean;
  /** Where the files were found, or why it is not available. */
  source: string;
  trainCount: number;
  testCount: number;
  classes: string[];
}

export interface ApiResults {
  getSystemInfo: SystemInfo;
  listDatasets: DatasetInfo[];
  listRuns: RunSummary[];
  getRun: RunSummary;
  createRun: RunSummary;
  cancelRun: RunSummary;
  getMetrics: MetricSeries[];
}

export type ApiMethod = keyof typeof apiMethods;
export const apiMethodNames = Object.keys(apiMethods) as ApiMethod[];
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiMethods)[M]['input']>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['input']>;

export type ApiEvent =
  | { type: 'run-updated'; run: RunSummary }
  | { type: 'metrics'; runId: number; points: MetricPoint[] };

/** What the renderer holds: one typed method per API call, and a subscription to events. */
export type OptlabApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResults[M]> } & {
  onEvent(listener: (event: ApiEvent) => void): () => void;
};

/** What the services implement: the same methods, given already-validated input. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiResults[M]> };

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiMethods, name);
}
