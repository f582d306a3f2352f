import { z } from 'zod';
import { runStatuses } from '../runs/runTypes.js';
import { runNotesSchema, runTagsSchema } from '../runs/runInfo.js';

/**
 * An experiment as one file (`optlab export experiment`): its config, runs, every metric point and
 * the rows of any other per-run table (e.g. histograms), so another machine's Optimizer Lab can import
 * it with new ids.
 */

export const bundleFormat = 'optlab-experiment';
export const bundleVersion = 1;

const nullableNumber = z.number().nullable();

/** One metric series, column by column, steps increasing (each step once); null values stand for NaN. */
export const bundleSeriesSchema = z
  .object({
    key: z.string().min(1).max(200),
    step: z.array(z.number().int().min(0)),
    epoch: z.array(z.number().int().min(0)),
    value: z.array(nullableNumber),
    time: z.array(z.number()),
  })
  .strict()
  .superRefine((s, ctx) => {
    const n = s.step.length;
    for (const field of ['epoch', 'value', 'time'] as const) {
      if (s[field].length !== n) ctx.addIssue({ code: 'custom', path: [field], message: `series ${s.key} has ${s[field].length} ${field} values for ${n} steps` });
    }
    const at = s.step.findIndex((step, i) => i > 0 && step <= s.step[i - 1]);
    if (at > 0) {
      ctx.addIssue({ code: 'custom', path: ['step', at], message: `series ${s.key}: step ${s.step[at]} after step ${s.step[at - 1]} (steps must increase, each once)` });
    }
  });

/** A cell of another per-run table: JSON scalars, or bytes as base64. */
const tableCell = z.union([z.number(), z.string(), z.null(), z.object({ base64: z.string() }).strict()]);

const tableName = z.string().regex(/^\w+$/, { message: 'a table name' });
const tableCells = z.record(z.string().regex(/^\w+$/, { message: 'a column name' }), tableCell);

export const bundleTableRowSchema = z
  .object({
    cells: tableCells,
    children: z.record(tableName, z.array(tableCells)).default({}),
  })
  .strict();

export const bundleRunSchema = z
  .object({
    /** The run's id in the database it came from (to tell runs apart; a new id is given on import). */
    sourceId: z.number().int().positive(),
    name: z.string().min(1).max(500),
    status: z.enum(runStatuses),
    /** Checked against the run schema on import. */
    config: z.record(z.string(), z.unknown()),
    seed: z.number().int(),
    backend: z.record(z.string(), z.unknown()).nullable(),
    progress: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    settingIndex: z.number().int().min(0).nullable(),
    setting: z.record(z.string(), z.unknown()).nullable(),
    trial: z.number().int().min(0).nullable(),
    tags: runTagsSchema,
    notes: runNotesSchema,
    metrics: z.array(bundleSeriesSchema).superRefine((series, ctx) => {
      const seen = new Set<string>();
      series.forEach((s, i) => {
        if (seen.has(s.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `series ${s.key} appears twice` });
        seen.add(s.key);
      });
    }),
    /**
     * Rows of other per-run tables by table name, without the run_id column or an own id; `children`
     * are the rows of tables that refer to that row (e.g. the histograms of one capture).
     */
    tables: z.record(tableName, z.array(bundleTableRowSchema)).default({}),
  })
  .strict();

export const experimentBundleSchema = z
  .object({
    format: z.literal(bundleFormat, { error: `not an Optimizer Lab experiment file (format must be "${bundleFormat}")` }),
    version: z.literal(bundleVersion, { error: `unsupported experiment file version (this app reads version ${bundleVersion})` }),
    exportedAt: z.string(),
    appVersion: z.string().optional(),
    experiment: z
      .object({
        name: z.string().min(1).max(200),
        /** Checked against the experiment schema on import. */
        config: z.record(z.string(), z.unknown()),
        notes: z.string().max(10_000),
        createdAt: z.string(),
      })
      .strict(),
    runs: z.array(bundleRunSchema),
  })
  .strict();

export type ExperimentBundle = z.infer<typeof experimentBundleSchema>;
export type BundleRun = z.infer<typeof bundleRunSchema>;
export type BundleTableRow = z.infer<typeof bundleTableRowSchema>;
export type BundleSeries = z.infer<typeof bundleSeriesSchema>;
