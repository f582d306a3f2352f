import { z } from 'zod';

/**
 * An experiment: a base run config, a sweep over any of its fields (by dotted path, e.g.
 * `optimizer.lr`), and trials (seeds). It expands into one run per setting (a point of the sweep's
 * grid) and seed; see `expandExperiment`.
 */

const dottedPath = z
  .string()
  .trim()
  .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\.\d+)*$/, { message: 'a dotted path such as optimizer.lr' });

/** A JSON value a config field can take. */
const fieldValue: z.ZodType<unknown> = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/** One axis of the grid: one field and its values, or several fields that change together (zipped). */
export const sweepAxisSchema = z.union([
  z.object({ path: dottedPath, values: z.array(fieldValue).min(1, { message: 'give at least one value' }) }).strict(),
  z
    .object({
      paths: z.array(dottedPath).min(1),
      values: z.array(z.array(fieldValue)).min(1, { message: 'give at least one row of values' }),
    })
    .strict()
    .superRefine((axis, ctx) => {
      axis.values.forEach((row, i) => {
        if (row.length !== axis.paths.length) {
          ctx.addIssue({ code: 'custom', path: ['values', i], message: `row ${i + 1} has ${row.length} values for ${axis.paths.length} paths` });
        }
      });
    }),
]);

/** A field computed from another after the grid is laid out: `path = offset + scale · from` (λs = 1 − λa). */
export const linkedFieldSchema = z
  .object({
    path: dottedPath,
    from: dottedPath,
    scale: z.number().finite().default(1),
    offset: z.number().finite().default(0),
  })
  .strict();

export const trialsSchema = z.union([
  z.object({ seeds: z.array(z.number().int().min(0).max(2 ** 31 - 1)).min(1, { message: 'give at least one seed' }) }).strict(),
  z.object({ count: z.number().int().min(1).max(1000), firstSeed: z.number().int().min(0).max(2 ** 31 - 1).default(0) }).strict(),
]);

export const experimentConfigSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'name the experiment' }).max(200),
    /** A run config (validated, with defaults, by the run schema); the sweep changes its fields. */
    base: z.record(z.string(), z.unknown()),
    sweep: z
      .object({
        axes: z.array(sweepAxisSchema).max(20).default([]),
        linked: z.array(linkedFieldSchema).max(20).default([]),
      })
      .strict()
      .default({ axes: [], linked: [] }),
    trials: trialsSchema.default({ count: 1, firstSeed: 0 }),
    notes: z.string().max(10_000).default(''),
  })
  .strict();

export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;
export type SweepAxis = z.infer<typeof sweepAxisSchema>;
export type LinkedField = z.infer<typeof linkedFieldSchema>;

/** The most runs one experiment may expand to (settings × seeds): more is refused before anything is expanded. */
export const maxExperimentRuns = 10_000;

/** The seeds of the trials, in order. */
export function trialSeeds(trials: ExperimentConfig['trials']): number[] {
  return 'seeds' in trials ? [...trials.seeds] : Array.from({ length: trials.count }, (_, i) => trials.firstSeed + i);
}
