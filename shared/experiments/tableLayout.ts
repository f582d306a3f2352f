import { z } from 'zod';

/**
 * What a paper table shows and how: its columns (the setting's name, chosen config fields, trial
 * counts, and metrics as a statistic over trials of each trial's final or best value), cell formats
 * (mean ± std, percent, decimals), bold best values, row groups (as the papers group by model),
 * caption and label, and how a LaTeX table is fitted to the page. Validated strictly: it comes from
 * the API, the CLI's `--layout` file and the renderer's saved settings.
 */

export const statNames = ['mean', 'std', 'min', 'max'] as const;
export type StatName = (typeof statNames)[number];
/** What a metric cell shows: one statistic, or the mean with the standard deviation (`85.36 ± 0.42`). */
export const cellStats = [...statNames, 'meanStd'] as const;
export type CellStat = (typeof cellStats)[number];
export const valueKinds = ['final', 'best'] as const;
export type ValueKind = (typeof valueKinds)[number];

const header = z.string().trim().min(1).max(80).optional();
/** A config field by dotted path (`optimizer.lr`, `model`, `optimizer.groups.0.optimizer.type`). */
const configPathSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z_][\w]*(\.[\w]+)*$/, 'a config field by dotted path, e.g. optimizer.lr');
const digits = z.number().int().min(0).max(8);

export const tableColumnSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('name'),
    header,
    /** `setting`: the setting's label ("lambdaAdam=0.3, lambdaSgd=0.7"); `optimizer`: the optimizer's title ("MAS"), as the papers name rows. */
    source: z.enum(['setting', 'optimizer']).default('setting'),
  }),
  z.strictObject({
    kind: z.literal('param'),
    path: configPathSchema,
    header,
    /**
     * For MAS's weights (`optimizer.lambdaAdam`, `optimizer.lambdaSgd`): an Adam run shows the weights
     * that make MAS Adam (λa 1, λs 0) and an SGD run those that make it SGD (0, 1), as seed 000's tables do.
     */
    baselineWeights: z.boolean().default(false),
  }),
  /** One param column per field that tells the settings apart (the swept fields of an experiment). */
  z.strictObject({ kind: z.literal('swept') }),
  z.strictObject({ kind: z.literal('trials'), header }),
  z.strictObject({
    kind: z.literal('metric'),
    metric: z.string().trim().min(1).max(200),
    of: z.enum(valueKinds).default('final'),
    stat: z.enum(cellStats).default('mean'),
    header,
    /** Values × 100, as "Accuracy (%)". */
    percent: z.boolean().default(false),
    /** Decimals of this column (default: the table's). */
    digits: digits.optional(),
  }),
]);
export type TableColumn = z.output<typeof tableColumnSchema>;
export type TableColumnInput = z.input<typeof tableColumnSchema>;

export const tableLayoutSchema = z.strictObject({
  columns: z.array(tableColumnSchema).min(1).max(40),
  /** Row groups by config fields (`model`, `dataset`, any dotted path), outermost first: a heading row per value. */
  groupBy: z.array(configPathSchema).max(3).default([]),
  /** Where the best value of a column is looked for: within each row group (as the papers bold) or the whole table. */
  bestWithin: z.enum(['group', 'table']).default('group'),
  bold: z.boolean().default(true),
  /** The caption; `{trials}` (trials per setting), `{epochs}` and `{dataset}` are filled in from the runs. */
  caption: z.string().trim().max(500).optional(),
  /** The LaTeX label (`tab:mas-cifar10`). */
  label: z
    .string()
    .trim()
    .max(100)
    .regex(/^[A-Za-z0-9:_.-]*$/, 'a LaTeX label has letters, digits and : _ . - only')
    .optional(),
  /** Decimals of non-integer numbers in Markdown, LaTeX and on screen (CSV and JSON keep full precision). */
  digits: digits.default(4),
  /**
   * LaTeX: `auto` scales the tabular down to the width (\resizebox) only when its estimated width
   * exceeds it, `resize` always, `none` never. `width`: a page column (\columnwidth) or the text width.
   */
  fit: z.enum(['auto', 'resize', 'none']).default('auto'),
  width: z.enum(['column', 'text']).default('column'),
});
export type TableLayout = z.output<typeof tableLayoutSchema>;
export type TableLayoutInput = z.input<typeof tableLayoutSchema>;
