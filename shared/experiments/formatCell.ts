import type { ResultsCell, ResultsColumn, ResultsTable } from './resultsTable.js';

/** A table cell as text: integers as they are, other numbers with `digits` decimals (scientific when tiny or huge). */
export function formatCell(value: ResultsCell, digits = 4): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return `${formatCell(value.mean, digits)} ± ${value.std === null ? '–' : formatCell(value.std, digits)}`;
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return fixedDigits(value, digits);
}

/** A number with exactly `digits` decimals, in exponent form when it would read as 0 or is huge. */
function fixedDigits(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 10 ** -digits || abs >= 1e6)) return value.toExponential(Math.max(1, digits - 1));
  return value.toFixed(digits);
}

/** A metric value as its column shows it: × 100 for a percent column. */
export function scaledValue(column: ResultsColumn, value: number): number {
  return column.percent ? value * 100 : value;
}

/**
 * A cell as its column shows it: config values exactly as given; metric statistics × 100 when the
 * column is in percent, every one with the column's decimals (so a column's numbers line up);
 * counts and text as they are.
 */
export function formatTableCell(table: Pick<ResultsTable, 'digits'>, column: ResultsColumn, cell: ResultsCell): string {
  if (column.exact && typeof cell === 'number') return String(cell);
  if (column.metric === undefined || cell === null || typeof cell === 'string') return formatCell(cell, table.digits);
  const digits = column.digits ?? table.digits;
  if (typeof cell === 'number') return fixedDigits(scaledValue(column, cell), digits);
  return `${fixedDigits(scaledValue(column, cell.mean), digits)} ± ${cell.std === null ? '–' : fixedDigits(scaledValue(column, cell.std), digits)}`;
}
