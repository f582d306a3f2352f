import { stringify } from 'csv-stringify/browser/esm/sync';
import { formatCell } from './formatCell.js';
import type { ResultsTable } from './resultsTable.js';

/** Writers of a results table: CSV, Markdown, LaTeX (booktabs) and JSON. Pure. */

export const tableFormats = ['csv', 'md', 'latex', 'json'] as const;
export type TableFormat = (typeof tableFormats)[number];

export interface TableWriterOptions {
  /** Decimals of non-integer numbers in Markdown and LaTeX (CSV and JSON keep full precision). */
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

function cellText(table: ResultsTable, column: number, cell: ResultsTable['rows'][number]['cells'][number], options: TableWriterOptions): string {
  return table.columns[column].exact && typeof cell === 'number' ? String(cell) : formatCell(cell, options.digits);
}

/** CSV with a header row; numbers at full precision, empty cells for missing values. */
export function writeCsv(table: ResultsTable): string {
  const records = table.rows.map((row) => row.cells.map((cell) => (cell === null ? '' : cell)));
  const text = stringify(records, { header: true, columns: table.columns.map((c) => c.label), cast: { number: (v) => String(v) } });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Escapes text for a Markdown table cell. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\|*_`<>[\]])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function writeMarkdown(table: ResultsTable, options: TableWriterOptions = {}): string {
  const header = `| ${table.columns.map((c) => escapeMarkdown(c.label)).join(' | ')} |`;
  const rule = `| ${table.columns.map((c) => (c.kind === 'number' ? '---:' : ':---')).join(' | ')} |`;
  const body = table.rows.map((row) => {
    const cells = row.cells.map((cell, i) => {
      const text = escapeMarkdown(cellText(table, i, cell, options));
      return row.best[i] ? `**${text}**` : text;
    });
    return `| ${cells.join(' | ')} |`;
  });
  return [header, rule, ...body].join('\n') + '\n';
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
};

/** Escapes text for LaTeX (the ten special characters, and λ, – and ∞ as math/text commands). */
export function escapeLatex(text: string): string {
  return text
    .split(/(λ[a-z]\b)/)
    .map((part, i) => (i % 2 === 1 ? `$\\lambda_${part[1]}$` : part.replace(/[\\&%$#_{}~^λ–−∞]/g, (ch) => latexSpecials[ch])))
    .join('');
}

/** A booktabs table (needs `\usepackage{booktabs}`), best values in \textbf. */
export function writeLatex(table: ResultsTable, options: TableWriterOptions = {}): string {
  const align = table.columns.map((c) => (c.kind === 'number' ? 'r' : 'l')).join('');
  const line = (cells: string[]) => `${cells.join(' & ')} \\\\`;
  const lines = [
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${escapeLatex(table.title)}}`,
    `\\begin{tabular}{${align}}`,
    '\\toprule',
    line(table.columns.map((c) => escapeLatex(c.label))),
    '\\midrule',
    ...table.rows.map((row) =>
      line(
        row.cells.map((cell, i) => {
          const text = escapeLatex(cellText(table, i, cell, options));
          return row.best[i] ? `\\textbf{${text}}` : text;
        }),
      ),
    ),
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{table}',
  ];
  return lines.join('\n') + '\n';
}

/** JSON: the columns, and each row as an object by column id with the ids of its best cells. */
export function writeJson(table: ResultsTable): string {
  const rows = table.rows.map((row) => ({
    values: Object.fromEntries(table.columns.map((c, i) => [c.id, typeof row.cells[i] === 'number' && !Number.isFinite(row.cells[i]) ? String(row.cells[i]) : row.cells[i]])),
    best: table.columns.filter((_, i) => row.best[i]).map((c) => c.id),
  }));
  return JSON.stringify({ title: table.title, columns: table.columns, rows }, null, 2) + '\n';
}
