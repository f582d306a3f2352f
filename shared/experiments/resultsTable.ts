import { describeExcluded, metricDirection, summarizeTrials, type Stats, type TrialOutcome } from './aggregateTrials.js';

/**
 * A results table like seed 000's Tables 1–3: one row per group (setting) with its name, the swept
 * fields' values, the number of trials, and statistics of the final and best value of each metric.
 * The best value of each comparable column is marked, for the writers to set in bold.
 */

export type StatName = 'mean' | 'std' | 'min' | 'max';
export type ValueKind = 'final' | 'best';

export interface ResultsColumn {
  id: string;
  label: string;
  kind: 'text' | 'number';
  /** Numbers written as given (swept values), not rounded to the table's decimals. */
  exact?: boolean;
  /** For statistic columns: which value is best in this column (none for std and counts). */
  better?: 'max' | 'min';
  metric?: string;
  of?: ValueKind;
  stat?: StatName;
}

export type ResultsCell = string | number | null;

export interface ResultsRow {
  cells: ResultsCell[];
  /** Per cell: whether it holds its column's best value. */
  best: boolean[];
}

export interface ResultsTable {
  title: string;
  columns: ResultsColumn[];
  rows: ResultsRow[];
}

export interface ResultsGroup {
  name: string;
  /** The swept fields' values of the group, by dotted path. */
  params: Record<string, unknown>;
  trials: readonly TrialOutcome[];
}

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
 * A column title for a swept field: λa/λs for MAS's weights, else the path with its section
 * (`optimizer.beta1`), so fields of the same name in two sections are told apart.
 */
export function paramLabel(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return symbols[last] ?? path;
}

const statLabels: Record<StatName, string> = { mean: 'mean', std: 'std', min: 'min', max: 'max' };

export function buildResultsTable(groups: readonly ResultsGroup[], options: ResultsTableOptions): ResultsTable {
  const paramPaths = options.paramPaths ?? [...new Set(groups.flatMap((g) => Object.keys(g.params)))];
  const of = options.of ?? ['final', 'best'];
  const stats = options.stats ?? ['mean', 'std', 'min', 'max'];
  const summaries = groups.map((g) => summarizeTrials(g.trials, options.metrics));
  const anyExcluded = summaries.some((s) => s.excludedCount > 0);
  const anyPending = summaries.some((s) => s.pending > 0);

  const columns: ResultsColumn[] = [
    { id: 'name', label: 'Name', kind: 'text' },
    ...paramPaths.map((path): ResultsColumn => ({ id: `param:${path}`, label: paramLabel(path), kind: 'number', exact: true })),
    { id: 'trials', label: 'n', kind: 'number' },
    // Left out, with why ("1 failed, 1 diverged"); trials still queued or training are not left out but pending.
    ...(anyExcluded ? [{ id: 'excluded', label: 'excluded', kind: 'text' } satisfies ResultsColumn] : []),
    ...(anyPending ? [{ id: 'pending', label: 'pending', kind: 'number' } satisfies ResultsColumn] : []),
  ];
  for (const metric of options.metrics) {
    for (const kind of of) {
      for (const stat of stats) {
        columns.push({
          id: `${metric}:${kind}:${stat}`,
          label: `${metric} ${kind} ${statLabels[stat]}`,
          kind: 'number',
          better: stat === 'std' ? undefined : metricDirection(metric),
          metric,
          of: kind,
          stat,
        });
      }
    }
  }

  const rows: ResultsRow[] = groups.map((group, i) => {
    const summary = summaries[i];
    const cells: ResultsCell[] = columns.map((column) => {
      if (column.id === 'name') return group.name;
      if (column.id === 'trials') return summary.included;
      if (column.id === 'excluded') return summary.excludedCount === 0 ? '0' : describeExcluded(summary.excluded);
      if (column.id === 'pending') return summary.pending;
      if (column.id.startsWith('param:')) {
        const value = group.params[column.id.slice('param:'.length)];
        return typeof value === 'number' || typeof value === 'string' ? value : value === undefined ? null : JSON.stringify(value);
      }
      const stats: Stats | null = summary.metrics[column.metric!][column.of!];
      // A standard deviation needs two trials: a setting with one shows none ("–"), not 0.
      if (stats && column.stat === 'std' && stats.n < 2) return null;
      return stats ? stats[column.stat!] : null;
    });
    return { cells, best: cells.map(() => false) };
  });

  columns.forEach((column, c) => {
    if (!column.better) return;
    const values = rows.map((r) => r.cells[c]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length < 2) return;
    const best = column.better === 'max' ? Math.max(...values) : Math.min(...values);
    for (const row of rows) if (row.cells[c] === best) row.best[c] = true;
  });

  return { title: options.title ?? 'Results', columns, rows };
}
