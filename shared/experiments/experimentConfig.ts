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

/** Values generated from `from` to `to` (inclusive) in steps of `step`: 0.1, 0.2, … 0.9. */
export const valueRangeSchema = z
  .object({ from: z.number().finite(), to: z.number().finite(), step: z.number().finite().positive({ message: 'the step must be > 0' }) })
  .strict()
  .refine((r) => r.to >= r.from, { message: 'the range needs to >= from', path: ['to'] })
  .refine((r) => (r.to - r.from) / r.step <= 10_000, { message: 'the range makes more than 10,000 values', path: ['step'] });

/** `count` values evenly spaced in log scale from `from` to `to` (inclusive): 1e-4, 1e-3, 1e-2. */
export const logRangeSchema = z
  .object({
    from: z.number().finite().positive({ message: 'a log range starts above 0' }),
    to: z.number().finite().positive({ message: 'a log range ends above 0' }),
    count: z.number().int().min(2, { message: 'a log range has at least 2 values' }).max(10_000),
  })
  .strict();

/** The values of one field: listed, or generated as a range or a log range. */
const fieldAxisSchema = z.union([
  z.object({ path: dottedPath, values: z.array(fieldValue).min(1, { message: 'give at least one value' }) }).strict(),
  z.object({ path: dottedPath, range: valueRangeSchema }).strict(),
  z.object({ path: dottedPath, logRange: logRangeSchema }).strict(),
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

/**
 * One choice of an options axis: a whole value of the axis's section (an optimizer config), with a
 * grid of its own over its fields (paths relative to the value: `lambdaAdam`), linked fields, and
 * a label ("MAS"; the default is the optimizer's title).
 */
export const sweepOptionSchema = z
  .object({
    label: z.string().trim().max(100).optional(),
    value: z.record(z.string(), z.unknown()),
    axes: z.array(fieldAxisSchema).max(20).default([]),
    linked: z.array(linkedFieldSchema).max(20).default([]),
  })
  .strict();

/**
 * One axis of the grid: one field and its values (listed or generated); several fields that change
 * together (zipped); or options, whole values of a section each with its own grid (an "optimizers"
 * axis: Adam, SGD, and MAS over its λ grid).
 */
export const sweepAxisSchema = z.union([
  ...fieldAxisSchema.options,
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
  z.object({ path: dottedPath, options: z.array(sweepOptionSchema).min(1, { message: 'give at least one option' }).max(100) }).strict(),
]);

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
    /** Display labels of settings by setting index ("0": "MAS 0.3/0.7"), replacing the generated ones. */
    labels: z.record(z.string().regex(/^\d+$/, { message: 'a setting index' }), z.string().trim().min(1).max(100)).optional(),
  })
  .strict();

export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;
export type SweepAxis = z.infer<typeof sweepAxisSchema>;
export type LinkedField = z.infer<typeof linkedFieldSchema>;
export type FieldAxis = z.infer<typeof fieldAxisSchema>;
export type SweepOption = z.infer<typeof sweepOptionSchema>;

/** The most runs one experiment may expand to (settings × seeds): more is refused before anything is expanded. */
export const maxExperimentRuns = 10_000;

/** The seeds of the trials, in order. */
export function trialSeeds(trials: ExperimentConfig['trials']): number[] {
  return 'seeds' in trials ? [...trials.seeds] : Array.from({ length: trials.count }, (_, i) => trials.firstSeed + i);
}
