import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { browserSessionForSuite } from '../support/browserApp.js';

const execFileAsync = promisify(execFile);

/** pdflatex on a two-column article that \input's the table; fails with pdflatex's log when it refuses it. */
async function compileTable(latex: string): Promise<{ log: string; pdf: boolean }> {
  const dir = await mkdtemp(join(tmpdir(), 'optlab-e2e-latex-'));
  try {
    await writeFile(join(dir, 'table.tex'), latex);
    await writeFile(join(dir, 'paper.tex'), ['\\documentclass[twocolumn]{article}', '\\usepackage{booktabs}', '\\usepackage{graphicx}', '\\begin{document}', '\\input{table.tex}', 'Text.', '\\end{document}', ''].join('\n'));
    try {
      await execFileAsync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], { cwd: dir });
    } catch (error) {
      const e = error as { code?: string | number; stdout?: string };
      if (e.code === 'ENOENT') assert.fail('pdflatex is missing: install texlive-latex-base and texlive-latex-recommended (scripts/installSystemPackages.sh)');
      assert.fail(`pdflatex refused the table:\n${e.stdout ?? ''}`);
    }
    return { log: await readFile(join(dir, 'paper.log'), 'utf8'), pdf: existsSync(join(dir, 'paper.pdf')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function waitForRuns(call: (method: 'getExperiment', input: object) => Promise<{ runIds: number[]; statusCounts: Record<string, number> }>, id: number, count: number) {
  for (;;) {
    const current = await call('getExperiment', { id });
    if ((current.statusCounts.completed ?? 0) === count) return current;
    assert.ok(Object.keys(current.statusCounts).every((s) => ['queued', 'running', 'completed'].includes(s)), JSON.stringify(current.statusCounts));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const settingLabels = (page: Page) => page.locator('[data-settings-preview] .setting-label').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));

describe('The sweep builder (browser mode)', { timeout: 600_000 }, () => {
  const session = browserSessionForSuite();

  test("seed 000's λ study with Adam and SGD baselines and 3 seeds is built without typing JSON, trained, and exported as the paper's LaTeX table that compiles, its numbers the database's", async () => {
    const { page, call } = session;
    await page.goto(new URL('#/experiments', page.url()).href);
    await page.click('#new-experiment');
    await page.fill('#experiment-name', 'MAS λ study');

    // The base config, with the New Run form's own fields: tiny Fashion-MNIST, an MLP with 8 hidden units, 2 epochs.
    await page.selectOption('#dataset-kind', 'fashion-mnist');
    await page.fill('#dataset-trainLimit', '300');
    await page.fill('#dataset-testLimit', '100');
    await page.selectOption('#model-kind', 'mlp');
    await page.fill('#model-hidden', '8');
    await page.fill('#training-epochs', '2');
    await page.fill('#training-batchSize', '50');

    // The optimizers axis: Adam and SGD baselines, and MAS over λa ∈ {0.3, 0.5, 0.7} with λs = 1 − λa.
    await page.click('[data-add-optimizers-axis]');
    await page.locator('#optimizer-type').waitFor({ state: 'detached' });
    await page.fill('#option-0-0-lr', '0.003');
    await page.fill('#option-0-1-lr', '0.05');
    await page.fill('#option-0-1-momentum', '0.9');
    await page.click('[data-add-option]');
    assert.equal(await page.locator('#option-0-2-type').inputValue(), 'mas');
    await page.fill('#option-0-2-lr', '0.01');
    await page.fill('#option-0-2-momentum', '0.9');
    const mas = page.locator('[data-option="mas"]');
    await mas.locator('[data-option-add-axis]').click();
    await mas.locator('.axis-field').selectOption('lambdaAdam');
    await mas.locator('.axis-values').fill('0.3, 0.5, 0.7');
    await mas.locator('[data-option-add-linked]').click();
    await mas.locator('.linked-path').selectOption('lambdaSgd');
    await mas.locator('.linked-from').selectOption('lambdaAdam');
    assert.deepEqual([await mas.locator('.linked-offset').inputValue(), await mas.locator('.linked-scale').inputValue()], ['1', '-1']);
    await page.fill('#experiment-trials', '3');

    // The preview: every setting with its label, the seeds of each, and the estimated time.
    await page.locator('[data-run-count="15"]').waitFor();
    assert.match((await page.locator('[data-preview]').textContent()) ?? '', /5 settings × 3 seeds = 15 runs · estimated time/);
    assert.deepEqual(await settingLabels(page), ['Adam', 'SGD', 'MAS 0.3/0.7', 'MAS 0.5/0.5', 'MAS 0.7/0.3']);
    assert.match((await page.locator('[data-setting="2"]').textContent()) ?? '', /seed 0, seed 1, seed 2/);
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/sweep-builder.png`, fullPage: true });

    // A value the run schema refuses: the error names the setting's label, its seeds and the field, once per setting.
    await page.fill('#option-0-2-lr', '-1');
    const issue = page.locator('[data-issue-path="optimizer.lr"]').first();
    await issue.waitFor();
    assert.match((await issue.textContent()) ?? '', /^setting 3 "MAS 0\.3\/0\.7" \(all 3 seeds\): optimizer\.lr: /);
    assert.equal(await page.locator('[data-issue-path="optimizer.lr"]').count(), 3, 'one line per MAS setting, not one per run');
    assert.ok(await page.locator('#experiment-create').isDisabled());
    await page.fill('#option-0-2-lr', '0.01');
    await page.locator('[data-run-count="15"]').waitFor();

    // The advanced JSON view shows the same experiment, and reads back into the builder.
    await page.click('[data-view-json]');
    const json = JSON.parse(await page.locator('#experiment-json').inputValue()) as { sweep: { axes: { path: string; options: { value: Record<string, unknown>; axes: unknown[]; linked: unknown[] }[] }[] }; trials: unknown; base: Record<string, unknown> };
    assert.deepEqual(json.trials, { count: 3, firstSeed: 0 });
    assert.equal(json.sweep.axes[0].path, 'optimizer');
    assert.deepEqual(json.sweep.axes[0].options.map((o) => o.value.type), ['adam', 'sgd', 'mas']);
    assert.deepEqual(json.sweep.axes[0].options[2].axes, [{ path: 'lambdaAdam', values: [0.3, 0.5, 0.7] }]);
    assert.deepEqual(json.sweep.axes[0].options[2].linked, [{ path: 'lambdaSgd', from: 'lambdaAdam', scale: -1, offset: 1 }]);
    assert.deepEqual({ ...(json.base.dataset as object), augment: undefined }, { kind: 'fashion-mnist', trainLimit: 300, testLimit: 100, augment: undefined });
    await page.locator('[data-run-count="15"]').waitFor();
    await page.click('[data-view-builder]');
    await page.locator('[data-option="mas"] .axis-values').waitFor();
    assert.equal(await page.locator('[data-option="mas"] .axis-values').inputValue(), '0.3, 0.5, 0.7');
    await page.click('[data-view-json]');
    assert.deepEqual(JSON.parse(await page.locator('#experiment-json').inputValue()), json, 'the JSON round-trips through the builder');
    await page.click('[data-view-builder]');
    await page.locator('[data-run-count="15"]').waitFor();

    await page.click('#experiment-create');
    await page.waitForURL(/#\/compare\/experiment\/\d+$/);
    const experimentId = Number(/(\d+)$/.exec(page.url())![1]);
    const experiment = await waitForRuns(call, experimentId, 15);

    // Compare's chart names the settings by their labels.
    await page.locator('[data-legend] .label', { hasText: 'MAS 0.3/0.7' }).waitFor();
    assert.deepEqual(await page.locator('[data-legend] .label').allInnerTexts(), ['Adam (n=3)', 'SGD (n=3)', 'MAS 0.3/0.7 (n=3)', 'MAS 0.5/0.5 (n=3)', 'MAS 0.7/0.3 (n=3)']);

    // Compare's export with the MAS-paper preset: Name, λa, λs, avg. acc, acc max (%).
    await page.locator('[data-results-table] tbody tr').first().waitFor();
    await page.locator('[data-control="table-preset"]').selectOption('paper-mas');
    await page.locator('[data-results-table] thead th', { hasText: 'avg. acc' }).waitFor();
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/sweep-compare.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download-table="latex"]')]);
    const latex = await readFile((await download.path())!, 'utf8');
    assert.match(latex, /^Name & \$\\lambda_a\$ & \$\\lambda_s\$ & avg\. acc & acc max \\\\$/m);
    const compiled = await compileTable(latex);
    assert.ok(compiled.pdf, 'pdflatex wrote the PDF');
    assert.ok(!/Overfull \\hbox/.test(compiled.log), 'the table fits the column');

    // Each row against the final test accuracy of its 3 runs, read back from the database.
    const rows = [...latex.matchAll(/^(Adam|SGD|MAS) & (.+) \\\\$/gm)].map((m) => [m[1], ...m[2].split(' & ').map((c) => c.replace(/^\\textbf\{(.*)\}$/, '$1'))]);
    assert.deepEqual(rows.map((r) => r.slice(0, 3)), [['Adam', '1', '0'], ['SGD', '0', '1'], ['MAS', '0.3', '0.7'], ['MAS', '0.5', '0.5'], ['MAS', '0.7', '0.3']]);
    const runs = await call('getRuns', { ids: experiment.runIds });
    for (const [setting, row] of rows.entries()) {
      const ids = runs.filter((r) => r.settingIndex === setting).map((r) => r.id);
      assert.equal(ids.length, 3);
      const batch = await call('getMetricsBatch', { ids, keys: ['test/accuracy'], maxPoints: 0 });
      const finals = batch.map((b) => b.series[0].points.filter((p) => p.epoch > 0).at(-1)!.value);
      assert.equal(row[3], ((finals.reduce((a, b) => a + b, 0) / finals.length) * 100).toFixed(2), `${row[0]} ${row[1]} avg. acc`);
      assert.equal(row[4], (Math.max(...finals) * 100).toFixed(2), `${row[0]} ${row[1]} acc max`);
    }
  });

  test('the Manage panel edits labels, adds seeds, re-runs failed trials and deletes; a second import of a file asks, and imports a copy', async () => {
    const { page, call } = session;
    const created = await call('createExperiment', {
      config: {
        name: 'lr on Rosenbrock',
        base: { dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 1e-4 }, training: { epochs: 2, stepsPerEpoch: 10 } },
        sweep: { axes: [{ path: 'optimizer.lr', values: [1e-4, 5] }] },
        trials: { count: 1 },
      },
    });
    for (;;) {
      const current = await call('getExperiment', { id: created.id });
      if ((current.statusCounts.completed ?? 0) + (current.statusCounts.diverged ?? 0) === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await page.goto(new URL('#/experiments', page.url()).href);
    const row = page.locator(`[data-experiment-id="${created.id}"]`);
    await row.locator('[data-manage]').click();
    const panel = page.locator(`[data-manage-experiment="${created.id}"]`);

    await panel.locator('.setting-label').nth(1).fill('SGD too fast');
    await panel.locator('[data-save-labels]').click();
    await page.locator('.banner.info', { hasText: 'Saved the labels' }).waitFor();
    assert.deepEqual((await call('getExperiment', { id: created.id })).settingLabels, ['lr=0.0001', 'SGD too fast']);

    await panel.locator('[data-more-seeds]').fill('2');
    await panel.locator('[data-extend]').click();
    await page.locator('.banner.info', { hasText: 'Queued 4 more runs' }).waitFor();
    const extended = await call('getExperiment', { id: created.id });
    assert.deepEqual(extended.config.trials, { seeds: [0, 1, 2] });
    for (;;) {
      const current = await call('getExperiment', { id: created.id });
      if ((current.statusCounts.completed ?? 0) + (current.statusCounts.diverged ?? 0) === 6) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await page.locator(`[data-manage-experiment="${created.id}"] [data-rerun]`, { hasText: 'Re-run 3 failed trials' }).waitFor();
    await panel.locator('[data-rerun]').click();
    await page.locator('.banner.info', { hasText: 'Queued 3 trials' }).waitFor();
    const rerun = await call('getExperiment', { id: created.id });
    assert.equal(rerun.runIds.length, 6);
    assert.equal(rerun.runIds.filter((id) => !extended.runIds.includes(id)).length, 3, 'the 3 diverged trials are fresh runs');

    // The same file twice: the second import asks; "Import as a copy" imports it.
    const folder = await mkdtemp(join(tmpdir(), 'optlab-e2e-duplicate-'));
    try {
      const file = join(folder, 'experiment.json');
      const first = await call('getExperiment', { id: created.id });
      await writeFile(file, JSON.stringify(await call('exportExperiment', { id: first.id })));
      await page.setInputFiles('[data-import-experiment]', file);
      await page.locator('.banner.info', { hasText: 'Imported "lr on Rosenbrock"' }).waitFor();
      const count = (await call('listExperiments', {})).length;
      await page.setInputFiles('[data-import-experiment]', file);
      await page.locator('[data-duplicate-import]', { hasText: /already imported as experiment \d+/ }).waitFor();
      assert.equal((await call('listExperiments', {})).length, count, 'nothing stored until the user chooses');
      await page.click('[data-import-copy]');
      await page.locator('.banner.info', { hasText: 'Imported "lr on Rosenbrock"' }).waitFor();
      assert.equal((await call('listExperiments', {})).length, count + 1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    // Delete, keeping the runs: they stay in the runs list, of no experiment.
    const [copy] = await call('listExperiments', {});
    await page.locator(`[data-experiment-id="${copy.id}"] [data-manage]`).click();
    const copyPanel = page.locator(`[data-manage-experiment="${copy.id}"]`);
    await copyPanel.locator('[data-delete]').click();
    await copyPanel.locator('[data-delete-keep-runs]').click();
    await page.locator(`[data-experiment-id="${copy.id}"]`).waitFor({ state: 'detached' });
    for (const id of copy.runIds) assert.equal((await call('getRun', { id })).experimentId ?? null, null);
    if (process.env.OPTLAB_SCREENSHOTS) {
      await page.locator(`[data-experiment-id="${created.id}"] [data-manage]`).click();
      await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/experiments-manage.png`, fullPage: true });
      await page.locator(`[data-experiment-id="${created.id}"] [data-manage]`).click();
    }
    // With its runs: they go.
    await page.locator(`[data-experiment-id="${created.id}"] [data-manage]`).click();
    await panel.locator('[data-delete]').click();
    await panel.locator('[data-delete-with-runs]').click();
    await page.locator(`[data-experiment-id="${created.id}"]`).waitFor({ state: 'detached' });
    await assert.rejects(call('getRun', { id: rerun.runIds[0] }), /There is no run/);
  });
});
