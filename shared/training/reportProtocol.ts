import { z } from 'zod';
import { runConfigSchema } from '../config/runConfig.js';

/**
 * The HTTP protocol by which a run trained elsewhere (a cluster task, `optlab run --report-to` on any
 * machine) reports to the app: the same messages a local training process sends (trainerMessages.ts),
 * in ordered batches, each carrying the index of its first message so a batch sent again after a
 * lost answer is not stored twice.
 *
 * - `POST /api/report/runs` (the app's token) registers a run started by hand: `{ config }` → `{ runId, token }`.
 * - `POST /api/report/runs/<id>` (that run's token) appends: `reportBatchSchema` → `reportReplySchema`.
 */
export const reportPaths = {
  register: '/api/report/runs',
  run: (runId: number) => `/api/report/runs/${runId}`,
  ping: '/api/report/ping',
} as const;

export const reportBatchSchema = z.strictObject({
  /** Index of the batch's first message among all the messages of this run's token. */
  seq: z.number().int().min(0),
  /** Trainer messages (checked one by one against the trainer protocol). */
  messages: z.array(z.unknown()).max(2000),
  /** What the trainer wrote last on stderr (to explain a crash). */
  diagnostics: z.string().max(8000).optional(),
  /** The trainer has exited (a run started by hand; a cluster task's end is the scheduler's to say). */
  ended: z.strictObject({ code: z.number().int().nullable(), signal: z.string().max(32).nullable() }).optional(),
});
export type ReportBatch = z.infer<typeof reportBatchSchema>;

export const reportReplySchema = z.strictObject({
  /** How many of the token's messages the app holds (the next batch starts there). */
  received: z.number().int().min(0),
  /** The app asks the trainer to stop (the run was cancelled). */
  cancel: z.boolean(),
});
export type ReportReply = z.infer<typeof reportReplySchema>;

export const registerReportedRunSchema = z.strictObject({ config: runConfigSchema, name: z.string().max(200).optional() });
export const registeredRunSchema = z.strictObject({ runId: z.number().int().positive(), token: z.string().min(20) });

/**
 * JSON that keeps NaN and ±Infinity (a diverging run's values must arrive to be reported): they are
 * written as `{ "$number": "NaN" }` and read back as numbers.
 */
export function stringifyReport(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v));
}

const nonFinite = new Set(['NaN', 'Infinity', '-Infinity']);

export function parseReport(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const n = (v as { $number?: unknown }).$number;
      if (keys.length === 1 && typeof n === 'string' && nonFinite.has(n)) return Number(n);
    }
    return v;
  });
}
