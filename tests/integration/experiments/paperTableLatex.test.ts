import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { createAppServices } from '../../../main/app/createAppServices.js';
import { optlab as optlabCommand } from '../../support/optlabCli.js';
import { tempDirForSuite } from '../../support/tempDir.js';

const execFileAsync = promisify(execFile);
const dir = tempDirForSuite('paper-table');
const optlab = (args: string[]) => optlabCommand(args, { dataDir: path.join(dir, 'data') });
const db = path.join(dir, 'optlab.db');

/** A small λ study as seed 000's: Adam and SGD baselines and MAS with λa = 0.3, λs = 0.7, two seeds each. */
const experiment = {
  name: 'MAS λ study',
  base: {
    dataset: { kind: 'fashion-mnist', trainLimit: 300, testLimit: 100 },
    model: { kind: 'mlp', hidden: [8] },
    optimizer: { type: 'adam', lr: 0.003 },
    training: { epochs: 2, batchSize: 50 },
  },
  sweep: {
    axes: [
      {
        path: 'optimizer',
        values: [
          { type: 'adam', lr: 0.003 },
          { type: 'sgd', lr: 0.05, momentum: 0.9 },
          { type: 'mas', lr: 0.01, lambdaAdam: 0.3, lambdaSgd: 0.7, momentum: 0.9 },
        ],
      },
    ],
  },
  trials: { seeds: [1, 2] },
};

/** pdflatex on a two-column article that \input's the table: the exit code and the log. */
async function compile(tex: string, name: string): Promise<{ log: string; pdf: boolean }> {
  const document = path.join(dir, `${name}.tex`);
  writeFileSync(path.join(dir, `${name}-table.tex`), tex);
  writeFileSync(
    document,
    ['\\documentclass[twocolumn]{article}', '\\usepackage{booktabs}', '\\usepackage{graphicx}', '\\begin{document}', `\\input{${name}-table.tex}`, 'Text.', '\\end{document}', ''].join('\n'),
  );
  try {
    await execFileAsync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir });
  } catch (error) {
    const e = error as { code?: string | number; stdout?: string };
    if (e.code === 'ENOENT') assert.fail('pdflatex is missing: install texlive-latex-base and texlive-latex-recommended (scripts/installSystemPackages.sh)');
    assert.fail(`pdflatex refused the table:\n${e.stdout ?? ''}`);
  }
  return { log: readFileSync(path.join(dir, `${name}.log`), 'utf8'), pdf: existsSync(path.join(dir, `${name}.pdf`)) };
}

test("a trained λ study exported with the MAS-paper preset compiles with pdflatex, fits a column, and its numbers are the database's", { timeout: 300_000 }, async () => {
  const file = path.join(dir, 'experiment.json');
  writeFileSync(file, JSON.stringify(experiment));
  const ran = await optlab(['--db', db, 'experiment', 'run', file, '--concurrency', '2']);
  assert.equal(ran.code, 0, ran.stderr + ran.stdout);

  const exported = await optlab(['--db', db, 'export', 'table', '--experiment', '1', '--preset', 'paper-mas', '--format', 'latex', '--label', 'tab:mas']);
  assert.equal(exported.code, 0, exported.stderr);
  const latex = exported.stdout;
  assert.match(latex, /^Name & \$\\lambda_a\$ & \$\\lambda_s\$ & avg\. acc & acc max \\\\$/m);
  assert.match(latex, /\\caption\{Accuracy results on Fashion-MNIST, after 2 runs of 2 epochs\.\}\n\\label\{tab:mas\}/);
  const compiled = await compile(latex, 'mas');
  assert.ok(compiled.pdf);
  assert.ok(!/Overfull \\hbox/.test(compiled.log), 'the table fits the column');

  // Each row against the final test accuracy of its runs, read back from the database.
  const rows = [...latex.matchAll(/^(Adam|SGD|MAS) & (.+) \\\\$/gm)].map((m) => [m[1], ...m[2].split(' & ').map((c) => c.replace(/^\\textbf\{(.*)\}$/, '$1'))]);
  assert.deepEqual(rows.map((r) => r.slice(0, 3)), [['Adam', '1', '0'], ['SGD', '0', '1'], ['MAS', '0.3', '0.7']]);
  const services = createAppServices({ dbPath: db, dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: false, owner: false });
  try {
    const [summary] = await services.handlers.listExperiments({});
    const runs = await services.handlers.getRuns({ ids: summary.runIds });
    for (const [setting, row] of rows.entries()) {
      const ids = runs.filter((r) => r.settingIndex === setting && r.status === 'completed').map((r) => r.id);
      assert.equal(ids.length, 2);
      const batch = await services.handlers.getMetricsBatch({ ids, keys: ['test/accuracy'], maxPoints: 0 });
      const finals = batch.map((b) => b.series[0].points.filter((p) => p.epoch > 0).at(-1)!.value);
      assert.equal(row[3], ((finals.reduce((a, b) => a + b, 0) / finals.length) * 100).toFixed(2), `${row[0]} avg. acc`);
      assert.equal(row[4], (Math.max(...finals) * 100).toFixed(2), `${row[0]} acc max`);
    }
  } finally {
    await services.close();
  }

  // Every statistic (13 columns) is scaled to the column, so it compiles without an overfull box too.
  const wide = await optlab(['--db', db, 'export', 'table', '--experiment', '1', '--preset', 'statistics', '--format', 'latex']);
  assert.equal(wide.code, 0, wide.stderr);
  assert.match(wide.stdout, /\\resizebox\{\\columnwidth\}/);
  assert.ok(!/Overfull \\hbox/.test((await compile(wide.stdout, 'wide')).log), 'the scaled table fits the column');

  // A bad layout file is refused with the field named, and nothing is written.
  const layout = path.join(dir, 'layout.json');
  writeFileSync(layout, JSON.stringify({ columns: [{ kind: 'metric', metric: 'test/accuracy', stat: 'median' }] }));
  const bad = await optlab(['--db', db, 'export', 'table', '--experiment', '1', '--layout', layout, '-o', path.join(dir, 'never.tex')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /columns\.0\.stat/);
  assert.ok(!existsSync(path.join(dir, 'never.tex')));
});
