import type { ResultsCell } from './resultsTable.js';

/** A table cell as text: integers as they are, other numbers with `digits` decimals (scientific when tiny or huge). */
export function formatCell(value: ResultsCell, digits = 4): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 10 ** -digits || abs >= 1e6)) return value.toExponential(Math.max(1, digits - 1));
  return value.toFixed(digits);
}
