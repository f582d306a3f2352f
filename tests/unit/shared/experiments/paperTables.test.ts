import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildTable, type ResultsGroup } from '../../../../shared/experiments/resultsTable.js';
import { tableLayoutSchema } from '../../../../shared/experiments/tableLayout.js';
import { presetLayout } from '../../../../shared/experiments/tablePresets.js';
import { estimatedLatexWidth, writeCsv, writeLatex, writeMarkdown } from '../../../../shared/experiments/tableWriters.js';

const base = { dataset: { kind: 'cifar10', trainLimit: 0, testLimit: 0 }, training: { epochs: 200, batchSize: 1024, seed: 0 } };
const resnet = (depth: number) => ({ kind: 'resnet', depth, width: 1 });
const optimizers = {
  adam: { type: 'adam', lr: 0.001 },
  sgd: { type: 'sgd', lr: 0.001, momentum: 0.95 },
  mas37: { type: 'mas', lr: 0.001, lambdaAdam: 0.3, lambdaSgd: 0.7 },
  mas73: { type: 'mas', lr: 0.001, lambdaAdam: 0.7, lambdaSgd: 0.3 },
};

let nextRun = 1;
/** A setting whose trials end at these test accuracies (each trial's series: a lower epoch, then the final value). */
function setting(name: string, depth: number, optimizer: object, finals: number[], extra: Record<string, number[]> = {}): ResultsGroup {
  return {
    name,
    params: {},
    config: { ...base, model: resnet(depth), optimizer },
    trials: finals.map((final, i) => ({
      runId: nextRun++,
      status: 'completed',
      series: { 'test/accuracy': [final - 0.05, final], ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, [v[i] * 2, v[i]]])) },
    })),
  };
}

// Seed 000's Table 1 (ResNet-18 and ResNet-34 on CIFAR-10), three trials per setting around the paper's means.
const groups = [
  setting('adam', 18, optimizers.adam, [0.8468, 0.8624, 0.8312]),
  setting('sgd', 18, optimizers.sgd, [0.7887, 0.7919, 0.7855]),
  setting('mas 0.3', 18, optimizers.mas37, [0.8557, 0.8685, 0.8429]),
  setting('mas 0.7', 18, optimizers.mas73, [0.8539, 0.8609, 0.8469]),
  setting('adam', 34, optimizers.adam, [0.8298, 0.8352, 0.8244]),
  setting('mas 0.3', 34, optimizers.mas37, [0.8571, 0.8614, 0.8528]),
];

test("the MAS-paper preset lays a table out as seed 000's Table 1: Name, λa, λs, avg. acc, acc max in %, grouped by model, best per group", () => {
  const table = buildTable(groups, presetLayout('paper-mas', ['test/accuracy']));
  assert.deepEqual(table.columns.map((c) => c.label), ['Name', 'λa', 'λs', 'avg. acc', 'acc max']);
  assert.equal(table.caption, 'Accuracy results on CIFAR-10, after 3 runs of 200 epochs.');
  const md = writeMarkdown(table).split('\n');
  assert.deepEqual(md.slice(2, 11), [
    '| *ResNet-18* |  |  |  |  |',
    '| Adam | 1 | 0 | 84.68 | 86.24 |',
    '| SGD | 0 | 1 | 78.87 | 79.19 |',
    '| MAS | 0.3 | 0.7 | **85.57** | **86.85** |',
    '| MAS | 0.7 | 0.3 | 85.39 | 86.09 |',
    '| *ResNet-34* |  |  |  |  |',
    '| Adam | 1 | 0 | 82.98 | 83.52 |',
    '| MAS | 0.3 | 0.7 | **85.71** | **86.14** |',
    '',
  ]);
  assert.deepEqual(table.rows[2].runIds, [7, 8, 9], 'each row knows the runs it aggregates');
});

test('the best value is looked for in the whole table when asked, and not bolded when bold is off', () => {
  const layout = { ...presetLayout('paper-mas', ['test/accuracy']), bestWithin: 'table' as const };
  const table = buildTable(groups, layout);
  assert.deepEqual(table.rows.map((r) => r.best[3]), [false, false, false, false, false, true], 'ResNet-34 MAS 0.3 (85.71) is the best mean of all');
  const plain = writeMarkdown(buildTable(groups, { ...layout, bold: false }));
  assert.ok(!plain.includes('**'));
});

test("LaTeX of the MAS table: booktabs at \\small, λ as math, row groups between rules, caption and label, it fits a column unscaled", () => {
  const table = buildTable(groups, { ...presetLayout('paper-mas', ['test/accuracy']), label: 'tab:mas-cifar10' });
  const latex = writeLatex(table);
  assert.ok(estimatedLatexWidth(table) < 241, `estimated ${estimatedLatexWidth(table)} pt`);
  assert.ok(!latex.includes('resizebox'), 'five short columns need no scaling');
  assert.match(latex, /\\small\n\\caption\{Accuracy results on CIFAR-10, after 3 runs of 200 epochs\.\}\n\\label\{tab:mas-cifar10\}\n\\begin\{tabular\}\{lrrrr\}/);
  assert.match(latex, /^Name & \$\\lambda_a\$ & \$\\lambda_s\$ & avg\. acc & acc max \\\\$/m);
  assert.match(latex, /\\midrule\n\\multicolumn\{5\}\{l\}\{\\textit\{ResNet-18\}\} \\\\\nAdam & 1 & 0 & 84\.68 & 86\.24 \\\\$/m);
  assert.match(latex, /^MAS & 0\.3 & 0\.7 & \\textbf\{85\.57\} & \\textbf\{86\.85\} \\\\\n/m);
  assert.match(latex, /86\.09 \\\\\n\\midrule\n\\multicolumn\{5\}\{l\}\{\\textit\{ResNet-34\}\} \\\\$/m);
});

test('a wide table is scaled to the column with \\resizebox (and says it needs graphicx); fit none leaves it; width text uses table*', () => {
  const wide = buildTable(groups, presetLayout('statistics', ['test/accuracy']));
  assert.ok(estimatedLatexWidth(wide) > 241);
  const latex = writeLatex(wide);
  assert.match(latex, /^% Needs \\usepackage\{booktabs\} and \\usepackage\{graphicx\}\.$/m);
  assert.match(latex, /\\resizebox\{\\columnwidth\}\{!\}\{%\n\\begin\{tabular\}/);
  assert.match(latex, /\\end\{tabular\}\}\n\\end\{table\}\n$/);
  assert.ok(!writeLatex(buildTable(groups, { ...presetLayout('statistics', ['test/accuracy']), fit: 'none' })).includes('resizebox'));
  assert.match(writeLatex(buildTable(groups, { ...presetLayout('statistics', ['test/accuracy']), width: 'text' })), /\\begin\{table\*\}[\s\S]*\\resizebox\{\\textwidth\}/);
});

test("the fusion-paper preset writes mean ± std cells as seed 002's Table 3, percent for accuracy and F1, four decimals for loss", () => {
  const fusion = { type: 'fusion', groups: [{ blocks: [0, 6], optimizer: { type: 'adam', lr: 0.001 } }, { blocks: [7, 7], optimizer: { type: 'sgd', lr: 0.01 } }] };
  const group: ResultsGroup = {
    name: 'fusion',
    params: {},
    config: { ...base, model: resnet(18), optimizer: fusion },
    trials: [0.9775, 0.9803].map((acc, i) => ({
      runId: 100 + i,
      status: 'completed',
      series: { 'test/accuracy': [acc], 'test/loss': [[0.0980, 0.1000][i]], 'test/macro_f1': [[0.9783, 0.9825][i]] },
    })),
  };
  const single: ResultsGroup = { ...group, name: 'single', trials: [group.trials[0]] };
  const table = buildTable([group, single], presetLayout('paper-fusion', []));
  assert.deepEqual(table.columns.map((c) => c.label), ['Optimizer', 'Accuracy (%)', 'Loss', 'F1-score (%)']);
  const md = writeMarkdown(table).split('\n');
  assert.equal(md[2], '| *ResNet-18 · CIFAR-10* |  |  |  |');
  assert.equal(md[3], '| Adam (blocks 0–6) | **97.89 ± 0.20** | 0.0990 ± 0.0014 | **98.04 ± 0.30** |');
  assert.equal(md[4], '| Adam (blocks 0–6) | 97.75 ± – | **0.0980 ± –** | 97.83 ± – |', 'one trial has no std; the lower loss is the best');
  assert.match(writeLatex(table), /97\.89 \$\\pm\$ 0\.20/);
  // CSV: the mean and the std as two columns, at full precision, in percent.
  const records = parse(writeCsv(table)) as string[][];
  assert.deepEqual(records[0], ['group', 'Optimizer', 'Accuracy (%)', 'Accuracy (%) std', 'Loss', 'Loss std', 'F1-score (%)', 'F1-score (%) std']);
  assert.ok(Math.abs(Number(records[1][2]) - 97.89) < 1e-9);
  assert.equal(records[2][3], '');
});

test('a layout is checked strictly: unknown fields, a bad label or path, no columns are refused with the field named', () => {
  const issues = (value: unknown) => {
    const result = tableLayoutSchema.safeParse(value);
    assert.equal(result.success, false);
    return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };
  assert.match(issues({ columns: [{ kind: 'name', colour: 'red' }] }), /columns\.0: Unrecognized key: "colour"/);
  assert.match(issues({ columns: [{ kind: 'name' }], label: 'tab:a b' }), /label: a LaTeX label has letters/);
  assert.match(issues({ columns: [{ kind: 'param', path: 'optimizer..lr' }] }), /columns\.0\.path: a config field by dotted path/);
  assert.match(issues({ columns: [] }), /columns/);
  assert.match(issues({ columns: [{ kind: 'metric', metric: 'test/accuracy', stat: 'median' }] }), /columns\.0\.stat/);
});

test('the compact default fits a column: name, swept fields, n, final mean ± std and best per metric', () => {
  const swept = groups.slice(2, 4).map((g, i) => ({ ...g, params: { 'optimizer.lambdaAdam': [0.3, 0.7][i], 'optimizer.lambdaSgd': [0.7, 0.3][i] } }));
  const table = buildTable(swept, presetLayout('compact', ['test/accuracy']));
  assert.deepEqual(table.columns.map((c) => c.label), ['Name', 'λa', 'λs', 'n', 'accuracy (%)', 'best (%)']);
  assert.ok(!writeLatex(table).includes('resizebox'), `estimated ${estimatedLatexWidth(table)} pt`);
  // Two metrics are scaled to the column, by little.
  const two = buildTable(swept, presetLayout('compact', ['test/accuracy', 'test/loss']));
  assert.deepEqual(two.columns.map((c) => c.label).slice(4), ['accuracy (%)', 'best (%)', 'loss', 'best']);
  assert.ok(writeLatex(two).includes('resizebox') && 241 / estimatedLatexWidth(two) > 0.75, `estimated ${estimatedLatexWidth(two)} pt`);
});

test('a whole section swept (optimizers) shows as the leaves that differ, not as JSON', () => {
  const swept = [
    { ...groups[0], params: { optimizer: optimizers.adam } },
    { ...groups[1], params: { optimizer: optimizers.sgd } },
    { ...groups[2], params: { optimizer: optimizers.mas37 } },
  ];
  const table = buildTable(swept, presetLayout('compact', ['test/accuracy']));
  assert.deepEqual(table.columns.map((c) => c.label), ['Name', 'optimizer.type', 'optimizer.momentum', 'λa', 'λs', 'n', 'accuracy (%)', 'best (%)'], 'the learning rate, the same in all, is left out');
  assert.deepEqual(table.rows.map((r) => r.cells.slice(1, 5)), [['adam', null, null, null], ['sgd', 0.95, null, null], ['mas', null, 0.3, 0.7]]);
});
