import { stringify } from 'csv-stringify/browser/esm/sync';
import { formatTableCell, scaledValue } from './formatCell.js';
import type { ResultsCell, ResultsColumn, ResultsRow, ResultsTable } from './resultsTable.js';

/** Writers of a results table: CSV, Markdown, LaTeX (booktabs) and JSON. Pure. */

export const tableFormats = ['csv', 'md', 'latex', 'json'] as const;
export type TableFormat = (typeof tableFormats)[number];

export interface TableWriterOptions {
  /** Decimals of non-integer numbers in Markdown and LaTeX (default: the table's; CSV and JSON keep full precision). */
  digits?: number;
}

export const tableFileExtensions: Record<TableFormat, string> = { csv: 'csv', md: 'md', latex: 'tex', json: 'json' };

export function writeTable(table: ResultsTable, format: TableFormat, options: TableWriterOptions = {}): string {
  switch (format) {
    case 'csv':
      return writeCsv(table);
    case 'md':
      return writeMarkdown(table, options);
    case 'latex':
      return writeLatex(table, options);
    case 'json':
      return writeJson(table);
  }
}

/** The rows with the title of their row group before the first row of each group. */
function withGroupHeadings(table: ResultsTable): ({ heading: string } | { row: ResultsRow })[] {
  const out: ({ heading: string } | { row: ResultsRow })[] = [];
  let current: string | undefined;
  for (const row of table.rows) {
    if (row.group !== undefined && row.group !== current) out.push({ heading: row.group });
    current = row.group;
    out.push({ row });
  }
  return out;
}

const hasGroups = (table: ResultsTable) => table.rows.some((r) => r.group !== undefined);

/**
 * CSV with a header row; numbers at full precision (× 100 in percent columns), empty cells for
 * missing values; a mean ± std column is two columns (`label`, `label std`); a table with row
 * groups starts with a `group` column.
 */
export function writeCsv(table: ResultsTable): string {
  const groups = hasGroups(table);
  const header = [...(groups ? ['group'] : []), ...table.columns.flatMap((c) => (c.stat === 'meanStd' ? [c.label, `${c.label} std`] : [c.label]))];
  const number = (column: ResultsColumn, value: number | null) => (value === null ? '' : column.metric !== undefined ? scaledValue(column, value) : value);
  const records = table.rows.map((row) => [
    ...(groups ? [row.group ?? ''] : []),
    ...row.cells.flatMap((cell, i) => {
      const column = table.columns[i];
      if (column.stat === 'meanStd') return cell !== null && typeof cell === 'object' ? [number(column, cell.mean), number(column, cell.std)] : ['', ''];
      if (typeof cell === 'number') return [number(column, cell)];
      return [cell === null ? '' : typeof cell === 'object' ? '' : cell];
    }),
  ]);
  const text = stringify([header, ...records], { cast: { number: (v) => String(v) } });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Escapes text for a Markdown table cell. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\|*_`<>[\]])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function cellText(table: ResultsTable, column: number, cell: ResultsCell): string {
  return formatTableCell(table, table.columns[column], cell);
}

export function writeMarkdown(table: ResultsTable, options: TableWriterOptions = {}): string {
  if (options.digits !== undefined) table = { ...table, digits: options.digits };
  const header = `| ${table.columns.map((c) => escapeMarkdown(c.label)).join(' | ')} |`;
  const rule = `| ${table.columns.map((c) => (c.kind === 'number' ? '---:' : ':---')).join(' | ')} |`;
  const body = withGroupHeadings(table).map((item) => {
    if ('heading' in item) return `| ${[`*${escapeMarkdown(item.heading)}*`, ...table.columns.slice(1).map(() => '')].join(' | ')} |`;
    const cells = item.row.cells.map((cell, i) => {
      const text = escapeMarkdown(cellText(table, i, cell));
      return table.bold !== false && item.row.best[i] ? `**${text}**` : text;
    });
    return `| ${cells.join(' | ')} |`;
  });
  const caption = table.caption ? ['', escapeMarkdown(table.caption)] : [];
  return [header, rule, ...body, ...caption].join('\n') + '\n';
}

const latexSpecials: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  λ: '$\\lambda$',
  '–': '--',
  '−': '$-$',
  '∞': '$\\infty$',
  '±': '$\\pm$',
  '·': '$\\cdot$',
  '×': '$\\times$',
  'ε': '$\\epsilon$',
  'η': '$\\eta$',
  'β': '$\\beta$',
};

/** Escapes text for LaTeX (the ten special characters, and λ, ±, –, ∞ and a few Greek letters as math/text commands). */
export function escapeLatex(text: string): string {
  return text
    .split(/(λ[a-z]\b)/)
    .map((part, i) => (i % 2 === 1 ? `$\\lambda_${part[1]}$` : part.replace(/[\\&%$#_{}~^λ–−∞±·×εηβ]/g, (ch) => latexSpecials[ch])))
    .join('');
}

/**
 * Estimated width in points of a tabular at \small: ~4.6 pt per character of its widest cell per
 * column (booktabs tables of numbers and short names), plus 2 × \tabcolsep (6 pt) per column.
 */
export function estimatedLatexWidth(table: ResultsTable): number {
  const widths = table.columns.map((column, c) => Math.max(column.label.length, ...table.rows.map((row) => cellText(table, c, row.cells[c]).length)));
  return widths.reduce((sum, chars) => sum + chars * 4.6 + 12, 0);
}

/** The widths the LaTeX writer fits into: a two-column page's column (IEEE, ACM: ~241–252 pt) or a one-column text width. */
export const latexTargetWidth = { column: 241, text: 455 } as const;

/**
 * A booktabs table at \small (needs `\usepackage{booktabs}`, and `graphicx` when scaled), best values
 * in \textbf, row groups as italic heading rows between \midrule. With `fit: 'auto'` a table whose
 * estimated width exceeds a column (or the text width) is scaled to it with \resizebox.
 */
export function writeLatex(table: ResultsTable, options: TableWriterOptions = {}): string {
  if (options.digits !== undefined) table = { ...table, digits: options.digits };
  const width = table.width ?? 'column';
  const fit = table.fit ?? 'auto';
  const resize = fit === 'resize' || (fit === 'auto' && estimatedLatexWidth(table) > latexTargetWidth[width]);
  const environment = width === 'text' ? 'table*' : 'table';
  const widthMacro = width === 'text' ? '\\textwidth' : '\\columnwidth';
  const align = table.columns.map((c) => (c.kind === 'number' ? 'r' : 'l')).join('');
  const line = (cells: string[]) => `${cells.join(' & ')} \\\\`;
  const body: string[] = [];
  let first = true;
  for (const item of withGroupHeadings(table)) {
    if ('heading' in item) {
      if (!first) body.push('\\midrule');
      body.push(`\\multicolumn{${table.columns.length}}{l}{\\textit{${escapeLatex(item.heading)}}} \\\\`);
    } else {
      body.push(
        line(
          item.row.cells.map((cell, i) => {
            const text = escapeLatex(cellText(table, i, cell));
            return table.bold !== false && item.row.best[i] ? `\\textbf{${text}}` : text;
          }),
        ),
      );
    }
    first = false;
  }
  const lines = [
    `% Needs \\usepackage{booktabs}${resize ? ' and \\usepackage{graphicx}' : ''}.`,
    `\\begin{${environment}}[t]`,
    '\\centering',
    '\\small',
    `\\caption{${escapeLatex(table.caption ?? table.title)}}`,
    ...(table.label ? [`\\label{${table.label}}`] : []),
    ...(resize ? [`\\resizebox{${widthMacro}}{!}{%`] : []),
    `\\begin{tabular}{${align}}`,
    '\\toprule',
    line(table.columns.map((c) => escapeLatex(c.label))),
    '\\midrule',
    ...body,
    '\\bottomrule',
    `\\end{tabular}${resize ? '}' : ''}`,
    `\\end{${environment}}`,
  ];
  return lines.join('\n') + '\n';
}

/** JSON: the columns, and each row as an object by column id with the ids of its best cells (and its group and runs). */
export function writeJson(table: ResultsTable): string {
  const rows = table.rows.map((row) => ({
    ...(row.group !== undefined ? { group: row.group } : {}),
    values: Object.fromEntries(table.columns.map((c, i) => [c.id, typeof row.cells[i] === 'number' && !Number.isFinite(row.cells[i]) ? String(row.cells[i]) : row.cells[i]])),
    best: table.columns.filter((_, i) => row.best[i]).map((c) => c.id),
    runIds: row.runIds,
  }));
  return JSON.stringify({ title: table.title, ...(table.caption ? { caption: table.caption } : {}), ...(table.label ? { label: table.label } : {}), columns: table.columns, rows }, null, 2) + '\n';
}
