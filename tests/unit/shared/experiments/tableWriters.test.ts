import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildResultsTable, type ResultsGroup } from '../../../../shared/experiments/resultsTable.js';
import { escapeLatex, escapeMarkdown, writeCsv, writeJson, writeLatex, writeMarkdown } from '../../../../shared/experiments/tableWriters.js';

const groups: ResultsGroup[] = [
  {
    name: 'MAS_a & b',
    params: { 'optimizer.lambdaAdam': 0.3, 'optimizer.lambdaSgd': 0.7 },
    trials: [
      { runId: 1, status: 'completed', series: { 'test/accuracy': [0.5, 0.8] } },
      { runId: 2, status: 'completed', series: { 'test/accuracy': [0.6, 0.9] } },
    ],
  },
  {
    name: '50% | Adam',
    params: { 'optimizer.lambdaAdam': 1, 'optimizer.lambdaSgd': 0 },
    trials: [
      { runId: 3, status: 'completed', series: { 'test/accuracy': [0.7, 0.75] } },
      { runId: 4, status: 'failed', series: {} },
    ],
  },
];

const table = buildResultsTable(groups, { title: 'Accuracy of #1', metrics: ['test/accuracy'], stats: ['mean', 'std', 'max'], of: ['final'] });

test('the results table has name, swept fields, counts and statistics, best marked per column', () => {
  assert.deepEqual(
    table.columns.map((c) => c.label),
    ['Name', 'λa', 'λs', 'n', 'excluded', 'test/accuracy final mean', 'test/accuracy final std', 'test/accuracy final max'],
  );
  assert.deepEqual(table.rows[0].cells.slice(0, 5), ['MAS_a & b', 0.3, 0.7, 2, '0']);
  assert.equal(table.rows[1].cells[4], '1 failed', 'the excluded count says why');
  assert.ok(Math.abs((table.rows[0].cells[5] as number) - 0.85) < 1e-12);
  assert.deepEqual(table.rows[1].cells.slice(3, 8), [1, '1 failed', 0.75, null, 0.75], 'one trial has no standard deviation');
  assert.deepEqual(table.rows[0].best, [false, false, false, false, false, true, false, true], 'std and counts are never best');
  assert.deepEqual(table.rows[1].best, [false, false, false, false, false, false, false, false]);
});

test('LaTeX: booktabs rules, escaped text, λ as math, best in \\textbf', () => {
  const latex = writeLatex(table, { digits: 3 });
  assert.match(latex, /\\begin\{tabular\}\{lrrrlrrr\}\n\\toprule\n/);
  assert.match(latex, /\\caption\{Accuracy of \\#1\}/);
  assert.match(latex, /^Name & \$\\lambda_a\$ & \$\\lambda_s\$ & n & excluded & test\/accuracy final mean/m);
  assert.match(latex, /^MAS\\_a \\& b & 0\.3 & 0\.7 & 2 & 0 & \\textbf\{0\.850\} & 0\.071 & \\textbf\{0\.900\} \\\\$/m);
  assert.match(latex, /^50\\% \| Adam & 1 & 0 & 1 & 1 failed & 0\.750 & -- & 0\.750 \\\\$/m);
  assert.match(latex, /\\bottomrule\n\\end\{tabular\}\}?\n\\end\{table\}\n$/);
  assert.equal(escapeLatex('a\\b{c}~^$'), 'a\\textbackslash{}b\\{c\\}\\textasciitilde{}\\textasciicircum{}\\$');
});

test('Markdown: escaped pipes and underscores, numbers right-aligned, best in bold', () => {
  const md = writeMarkdown(table, { digits: 3 }).split('\n');
  assert.equal(md[1], '| :--- | ---: | ---: | ---: | :--- | ---: | ---: | ---: |');
  assert.equal(md[2], '| MAS\\_a & b | 0.3 | 0.7 | 2 | 0 | **0.850** | 0.071 | **0.900** |');
  assert.equal(md[3], '| 50% \\| Adam | 1 | 0 | 1 | 1 failed | 0.750 | – | 0.750 |');
  assert.equal(escapeMarkdown('a*b`c'), 'a\\*b\\`c');
});

test('CSV: quoted where needed, full precision, parses back to the same cells', () => {
  const records = parse(writeCsv(table)) as string[][];
  assert.deepEqual(records[0], table.columns.map((c) => c.label));
  assert.equal(records[1][0], 'MAS_a & b');
  assert.equal(records[2][0], '50% | Adam');
  assert.equal(Number(records[1][5]), table.rows[0].cells[5]);
  assert.equal(records.length, 3);
});

test('JSON: rows by column id with their best cells', () => {
  const json = JSON.parse(writeJson(table)) as { title: string; rows: { values: Record<string, unknown>; best: string[] }[] };
  assert.equal(json.title, 'Accuracy of #1');
  assert.equal(json.rows[1].values['param:optimizer.lambdaAdam'], 1);
  assert.deepEqual(json.rows[0].best, ['test/accuracy:final:mean', 'test/accuracy:final:max']);
});
