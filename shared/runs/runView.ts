import { z } from 'zod';
import { runColumnKeySchema, runSortSchema } from './runQuery.js';

/**
 * A saved view of the runs table: its custom columns, the search box's words, the filter bar's
 * fields (with the group-by field) and the order, under a name. Views are stored in the database
 * (migration 015), so every window and browser of the same database sees them.
 */

/** The runs filter's fields a view keeps (the menus and boxes of the filter bar, and the group-by field). */
export const runViewFilterFields = ['status', 'dataset', 'optimizer', 'tag', 'field', 'fieldValue', 'metric', 'metricMin', 'metricMax', 'groupBy'] as const;
export type RunViewFilterField = (typeof runViewFilterFields)[number];

export const runViewNameMaxLength = 80;

/** A view's name: what the menu shows; names are unique whatever their case ("MAS" and "mas" are one name). */
export const runViewNameSchema = z
  .string()
  .trim()
  .min(1, 'a view needs a name')
  .max(runViewNameMaxLength, `a view's name has at most ${runViewNameMaxLength} characters`);

/** What a view holds besides its name; a filter field it does not name is empty. */
export const runViewContentSchema = z.strictObject({
  columns: z.array(runColumnKeySchema).max(20),
  /** The search box's words. */
  query: z.string().max(500),
  filter: z.strictObject(
    Object.fromEntries(runViewFilterFields.map((f) => [f, z.string().max(500).default('')])) as Record<RunViewFilterField, z.ZodDefault<z.ZodString>>,
  ),
  sort: runSortSchema,
});

export const runViewSchema = z.strictObject({ name: runViewNameSchema, ...runViewContentSchema.shape });
export type RunView = z.infer<typeof runViewSchema>;
export type RunViewInput = z.input<typeof runViewSchema>;

/** A view as the database keeps it. */
export interface StoredRunView extends RunView {
  createdAt: string;
  updatedAt: string;
}

/** The stored views, and those whose stored content no longer reads (named, with why). */
export interface RunViewList {
  views: StoredRunView[];
  unreadable: { name: string; message: string }[];
}

/** What importing views kept in a browser's storage did with each. */
export interface RunViewImport {
  /** Views stored, under their own name or (`as` differs) a free one, as a view of that name with other content was there. */
  imported: { name: string; as: string }[];
  /** Views the database already held as they were (same name, same content). */
  present: string[];
  /** Entries that are no view (by position in the list given), with why; they are not stored. */
  refused: { index: number; message: string }[];
}

export type RunViewContent = z.infer<typeof runViewContentSchema>;

/** What a view holds besides its name, as stored (every filter field filled). */
export function runViewContent(view: RunViewInput): RunViewContent {
  return runViewContentSchema.parse({ columns: view.columns, query: view.query, filter: view.filter, sort: view.sort });
}

/** Whether two views hold the same columns, words, filter and order. */
export function sameRunViewContent(a: RunViewInput, b: RunViewInput): boolean {
  return JSON.stringify(runViewContent(a)) === JSON.stringify(runViewContent(b));
}

/** A name like `name` that none of `taken` has (compared ignoring case): `name (2)`, `name (3)`…, cut to fit the length limit. */
export function freeRunViewName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = name.slice(0, runViewNameMaxLength - suffix.length).trimEnd() + suffix;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
