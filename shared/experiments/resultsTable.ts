import { describeExcluded, metricDirection, summarizeTrials, type GroupSummary, type Stats, type TrialOutcome } from './aggregateTrials.js';
import { flattenLeaves, getPath } from './configPath.js';
import { paperName, rowGroupTitle } from './tableNames.js';
import { tableLayoutSchema, type CellStat, type StatName, type TableColumn, type TableLayout, type TableLayoutInput, type ValueKind } from './tableLayout.js';

/**
 * A results table like seed 000's Tables 1–3 or seed 002's Table 3, built from a layout
 * (shared/experiments/tableLayout.ts): one row per group (setting), in row groups when the layout
 * groups by a config field, with the columns the layout names. The best value of each comparable
 * column (within its row group, or the whole table) is marked, for the writers to set in bold. Pure.
 */

export type { StatName, ValueKind } from './tableLayout.js';

export interface ResultsColumn {
  id: string;
  label: string;
  kind: 'text' | 'number';
  /** Numbers written as given (config values), not rounded to the table's decimals. */
  exact?: boolean;
  /** For statistic columns: which value is best in this column (none for std and counts). */
  better?: 'max' | 'min';
  metric?: string;
  of?: ValueKind;
  stat?: CellStat;
  /** Values shown × 100. */
  percent?: boolean;
  /** Decimals of this column (else the table's). */
  digits?: number;
}

/** A mean with its standard deviation (null with one trial). */
export interface MeanStd {
  mean: number;
  std: number | null;
}

export type ResultsCell = string | number | MeanStd | null;

export interface ResultsRow {
  cells: ResultsCell[];
  /** Per cell: whether it holds its column's best value. */
  best: boolean[];
  /** The row group's title (the layout's groupBy values), when the table has row groups. */
  group?: string;
  /** The runs the row aggregates (its setting's trials). */
  runIds: number[];
}

export interface ResultsTable {
  title: string;
  caption?: string;
  label?: string;
  columns: ResultsColumn[];
  rows: ResultsRow[];
  /** Decimals of non-integer numbers in Markdown, LaTeX and on screen. */
  digits: number;
  /** Whether best values are set in bold. */
  bold: boolean;
  /** How the LaTeX writer fits the table to the page. */
  fit: TableLayout['fit'];
  width: TableLayout['width'];
}

export interface ResultsGroup {
  name: string;
  /** The fields that tell the group from the others (an experiment's swept fields), by dotted path. */
  params: Record<string, unknown>;
  /** The config of the group's runs (its first run's): read by param, name and row-group columns. */
  config?: unknown;
  trials: readonly TrialOutcome[];
}

/** The older options: every statistic of the final and best values of the metrics. */
export interface ResultsTableOptions {
  title?: string;
  metrics: readonly string[];
  /** Swept fields to show as columns (default: every path in any group's params). */
  paramPaths?: readonly string[];
  of?: readonly ValueKind[];
  stats?: readonly StatName[];
}

/** The symbols of MAS's weights (the papers' names; no other field is called so). */
const symbols: Record<string, string> = { lambdaAdam: 'λa', lambdaSgd: 'λs' };

/**
 * A column title for a config field: λa/λs for MAS's weights, else the path with its section
 * (`optimizer.beta1`), so fields of the same name in two sections are told apart.
 */
export function paramLabel(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return symbols[last] ?? path;
}

const statLabels: Record<CellStat, string> = { mean: 'mean', std: 'std', min: 'min', max: 'max', meanStd: 'mean ± std' };

/** The layout of the older options: name, the swept fields, n, and each metric × of × stat. */
export function statisticsLayout(options: ResultsTableOptions): TableLayoutInput {
  const of = options.of ?? ['final', 'best'];
  const stats = options.stats ?? ['mean', 'std', 'min', 'max'];
  return {
    columns: [
      { kind: 'name' },
      ...(options.paramPaths ? options.paramPaths.map((path) => ({ kind: 'param' as const, path })) : [{ kind: 'swept' as const }]),
      { kind: 'trials' },
      ...options.metrics.flatMap((metric) => of.flatMap((kind) => stats.map((stat) => ({ kind: 'metric' as const, metric, of: kind, stat })))),
    ],
  };
}

export function buildResultsTable(groups: readonly ResultsGroup[], options: ResultsTableOptions): ResultsTable {
  return buildTable(groups, statisticsLayout(options), options.title ?? 'Results');
}

/** MAS's weights as the Adam and SGD baselines have them (MAS with λa 1, λs 0 is Adam; with 0, 1 SGD). */
const baselineWeights: Record<string, Record<string, number>> = {
  'optimizer.lambdaAdam': { adam: 1, sgd: 0 },
  'optimizer.lambdaSgd': { adam: 0, sgd: 1 },
};

/** A group's swept fields with a whole section swept (`optimizer`: Adam, SGD, MAS…) as its leaves (`optimizer.type`, `optimizer.lr`). */
function flatParams(group: ResultsGroup): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(group.params).flatMap(([path, value]) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(flattenLeaves(value, path)) : [[path, value]])),
  );
}

/** The swept fields that tell the groups apart (all of them when there is one group), sections as their leaves. */
export function sweptFieldPaths(groups: readonly ResultsGroup[]): string[] {
  const flat = groups.map(flatParams);
  const paths = [...new Set(flat.flatMap((p) => Object.keys(p)))];
  if (groups.length < 2) return paths;
  return paths.filter((path) => new Set(flat.map((p) => JSON.stringify(p[path] ?? null))).size > 1);
}

function paramValue(group: ResultsGroup, column: Extract<TableColumn, { kind: 'param' }>): ResultsCell {
  const params = flatParams(group);
  let value = Object.hasOwn(params, column.path) ? params[column.path] : getPath(group.config, column.path);
  if (value === undefined && column.baselineWeights) value = baselineWeights[column.path]?.[String(getPath(group.config, 'optimizer.type'))];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}

function metricCell(summary: GroupSummary, column: Extract<TableColumn, { kind: 'metric' }>): ResultsCell {
  const stats: Stats | null = summary.metrics[column.metric][column.of];
  if (!stats) return null;
  // A standard deviation needs two trials: a setting with one shows none ("–"), not 0.
  if (column.stat === 'meanStd') return { mean: stats.mean, std: stats.n < 2 ? null : stats.std };
  if (column.stat === 'std' && stats.n < 2) return null;
  return stats[column.stat];
}

/** The number a cell is compared by for "best": its value, or a mean ± std's mean. */
export function cellNumber(cell: ResultsCell): number | null {
  if (typeof cell === 'number') return cell;
  if (cell !== null && typeof cell === 'object') return cell.mean;
  return null;
}

function uniqueJoined(values: readonly unknown[]): string {
  return [...new Set(values.filter((v) => v !== undefined && v !== null).map(String))].join(', ');
}

/** The caption with `{trials}`, `{epochs}` and `{dataset}` filled in from the groups. */
function fillCaption(caption: string, groups: readonly ResultsGroup[]): string {
  const trials = Math.max(0, ...groups.map((g) => g.trials.length));
  return caption
    .replaceAll('{trials}', String(trials))
    .replaceAll('{epochs}', uniqueJoined(groups.map((g) => getPath(g.config, 'training.epochs'))))
    .replaceAll('{dataset}', uniqueJoined(groups.map((g) => rowGroupTitle(g.config, 'dataset'))));
}

/** A table from a layout (validated here: a bad one throws a ZodError naming the field). */
export function buildTable(groups: readonly ResultsGroup[], layoutInput: TableLayoutInput, title = 'Results'): ResultsTable {
  const layout = tableLayoutSchema.parse(layoutInput);
  const metrics = [...new Set(layout.columns.flatMap((c) => (c.kind === 'metric' ? [c.metric] : [])))];
  const summaries = groups.map((g) => summarizeTrials(g.trials, metrics));
  const anyExcluded = summaries.some((s) => s.excludedCount > 0);
  const anyPending = summaries.some((s) => s.pending > 0);
  const sweptPaths = sweptFieldPaths(groups);

  type Source = (group: ResultsGroup, summary: GroupSummary) => ResultsCell;
  const columns: ResultsColumn[] = [];
  const sources: Source[] = [];
  const add = (column: ResultsColumn, source: Source) => {
    columns.push(column);
    sources.push(source);
  };
  for (const column of layout.columns) {
    switch (column.kind) {
      case 'name':
        add({ id: 'name', label: column.header ?? 'Name', kind: 'text' }, (g) => (column.source === 'optimizer' ? paperName(g.config) ?? g.name : g.name));
        break;
      case 'swept':
        for (const path of sweptPaths) add({ id: `param:${path}`, label: paramLabel(path), kind: 'number', exact: true }, (g) => paramValue(g, { kind: 'param', path, baselineWeights: false }));
        break;
      case 'param':
        add({ id: `param:${column.path}`, label: column.header ?? paramLabel(column.path), kind: 'number', exact: true }, (g) => paramValue(g, column));
        break;
      case 'trials':
        add({ id: 'trials', label: column.header ?? 'n', kind: 'number' }, (_, s) => s.included);
        // Left out, with why ("1 failed, 1 diverged"); trials still queued or training are not left out but pending.
        if (anyExcluded) add({ id: 'excluded', label: 'excluded', kind: 'text' }, (_, s) => (s.excludedCount === 0 ? '0' : describeExcluded(s.excluded)));
        if (anyPending) add({ id: 'pending', label: 'pending', kind: 'number' }, (_, s) => s.pending);
        break;
      case 'metric':
        add(
          {
            id: `${column.metric}:${column.of}:${column.stat}`,
            label: column.header ?? `${column.metric} ${column.of} ${statLabels[column.stat]}${column.percent ? ' (%)' : ''}`,
            kind: 'number',
            better: column.stat === 'std' ? undefined : metricDirection(column.metric),
            metric: column.metric,
            of: column.of,
            stat: column.stat,
            ...(column.percent ? { percent: true } : {}),
            ...(column.digits !== undefined ? { digits: column.digits } : {}),
          },
          (_, s) => metricCell(s, column),
        );
        break;
    }
  }
  // The excluded and pending counts are never hidden: a layout without a trials column gets them at the end.
  if (!layout.columns.some((c) => c.kind === 'trials')) {
    if (anyExcluded) add({ id: 'excluded', label: 'excluded', kind: 'text' }, (_, s) => (s.excludedCount === 0 ? '0' : describeExcluded(s.excluded)));
    if (anyPending) add({ id: 'pending', label: 'pending', kind: 'number' }, (_, s) => s.pending);
  }

  const rows: ResultsRow[] = groups.map((group, i) => {
    const cells = sources.map((source) => source(group, summaries[i]));
    const groupTitle = layout.groupBy.length > 0 ? layout.groupBy.map((path) => rowGroupTitle(group.config, path)).join(' · ') : undefined;
    return { cells, best: cells.map(() => false), runIds: group.trials.map((t) => t.runId), ...(groupTitle !== undefined ? { group: groupTitle } : {}) };
  });
  // Rows of a group together, groups in the order of their first row (a stable sort keeps the settings' order within).
  if (layout.groupBy.length > 0) {
    const order = new Map<string, number>();
    for (const row of rows) if (!order.has(row.group!)) order.set(row.group!, order.size);
    rows.sort((a, b) => order.get(a.group!)! - order.get(b.group!)!);
  }

  const scopes = layout.bestWithin === 'group' && layout.groupBy.length > 0 ? [...new Set(rows.map((r) => r.group))].map((g) => rows.filter((r) => r.group === g)) : [rows];
  columns.forEach((column, c) => {
    if (!column.better) return;
    for (const scope of scopes) {
      const values = scope.map((r) => cellNumber(r.cells[c])).filter((v): v is number => v !== null && Number.isFinite(v));
      if (values.length < 2) continue;
      const best = column.better === 'max' ? Math.max(...values) : Math.min(...values);
      for (const row of scope) if (cellNumber(row.cells[c]) === best) row.best[c] = true;
    }
  });

  return {
    title,
    ...(layout.caption ? { caption: fillCaption(layout.caption, groups) } : {}),
    ...(layout.label ? { label: layout.label } : {}),
    columns,
    rows,
    digits: layout.digits,
    bold: layout.bold,
    fit: layout.fit,
    width: layout.width,
  };
}
