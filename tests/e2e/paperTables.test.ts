import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { ResultsTable } from '../../shared/experiments/resultsTable.js';
import { browserSessionForSuite } from '../support/browserApp.js';

/** Seed 000's λ study in small: Adam and SGD baselines and MAS with λa = 0.3, λs = 0.7, two seeds each. */
const experiment = {
  name: 'λ study',
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

describe('Paper tables on Compare (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test("the MAS-paper layout shows seed 000's table; columns, formats, caption and label are edited, remembered and exported", async () => {
    const { page, call } = session;
    const created = await call('createExperiment', { config: experiment });
    for (;;) {
      const current = await call('getExperiment', { id: created.id });
      if ((current.statusCounts.completed ?? 0) === 6) break;
      assert.ok(Object.keys(current.statusCounts).every((s) => ['queued', 'running', 'completed'].includes(s)), JSON.stringify(current.statusCounts));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.goto(new URL(`#/compare/experiment/${created.id}`, page.url()).href);
    await page.locator('[data-results-table] tbody tr').first().waitFor();
    await page.locator('[data-control="table-preset"]').selectOption('paper-mas');
    const headers = page.locator('[data-results-table] thead th');
    await page.locator('[data-results-table] thead th', { hasText: 'avg. acc' }).waitFor();
    assert.deepEqual(await headers.allInnerTexts(), ['Name', 'λa', 'λs', 'avg. acc', 'acc max']);
    assert.equal(await page.locator('[data-row-group]').innerText(), 'MLP 8 relu');
    assert.match(await page.locator('[data-table-caption]').innerText(), /^Accuracy results on Fashion-MNIST, after 2 runs of 2 epochs\.$/);

    // The rows as the API computes them: the optimizer's name, the λ of the baselines, accuracy in % with 2 decimals.
    const table: ResultsTable = await call('getResultsTable', { experimentId: created.id, preset: 'paper-mas' });
    const rows = page.locator('[data-results-table] tbody tr[data-row-runs]');
    assert.equal(await rows.count(), 3);
    for (const [i, row] of table.rows.entries()) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      assert.deepEqual(cells.slice(0, 3), [['Adam', '1', '0'], ['SGD', '0', '1'], ['MAS', '0.3', '0.7']][i]);
      assert.equal(cells[3], ((row.cells[3] as number) * 100).toFixed(2));
      assert.equal(cells[4], ((row.cells[4] as number) * 100).toFixed(2));
    }
    assert.equal(await page.locator('[data-results-table] td.best strong').count(), 2, 'the best avg. acc and acc max');

    // Edit: a mean ± std column of the best epoch's accuracy in percent, a caption and a label.
    await page.click('[data-control="edit-table"]');
    await page.click('[data-control="add-metric-column"]');
    const added = page.locator('[data-layout-column="5"]');
    await added.locator('select[aria-label="Value per trial"]').selectOption('best');
    await page.locator('[data-results-table] thead th', { hasText: 'test/accuracy best mean ± std' }).waitFor();
    await added.locator('[data-control="column-percent"]').check();
    await added.locator('[data-control="column-header"]').fill('best ± std');
    await added.locator('[data-control="column-header"]').press('Tab');
    await page.locator('[data-results-table] thead th', { hasText: 'best ± std' }).waitFor();
    assert.match((await rows.nth(2).locator('td').allInnerTexts())[5], /^\d+\.\d{2} ± \d+\.\d{2}$/);
    await page.fill('[data-control="table-caption"]', 'MAS on Fashion-MNIST ({trials} seeds)');
    await page.locator('[data-control="table-caption"]').press('Tab');
    await page.fill('[data-control="table-label"]', 'tab:mas-fmnist');
    await page.locator('[data-control="table-label"]').press('Tab');
    await page.locator('[data-table-caption]', { hasText: 'MAS on Fashion-MNIST (2 seeds)' }).waitFor();
    assert.equal(await page.locator('[data-control="table-preset"]').inputValue(), 'custom');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-download-table="latex"]')]);
    const latex = await readFile((await download.path())!, 'utf8');
    assert.match(latex, /\\caption\{MAS on Fashion-MNIST \(2 seeds\)\}\n\\label\{tab:mas-fmnist\}/);
    assert.match(latex, /^Name & \$\\lambda_a\$ & \$\\lambda_s\$ & avg\. acc & acc max & best \$\\pm\$ std \\\\$/m);
    assert.match(latex, /^MAS & 0\.3 & 0\.7 & .+ \$\\pm\$ .+ \\\\$/m);
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/paper-table.png`, fullPage: true });

    // A value the layout refuses is reported with the field, and the editor stays.
    await page.fill('[data-control="table-digits"]', '12');
    await page.locator('[data-control="table-digits"]').press('Tab');
    await page.locator('[data-table-error]', { hasText: 'digits' }).waitFor();
    await page.fill('[data-control="table-digits"]', '1');
    await page.locator('[data-control="table-digits"]').press('Tab');
    await page.locator('[data-results-table]').waitFor();
    assert.match((await rows.nth(0).locator('td').allInnerTexts())[3], /^\d+\.\d$/, 'one decimal');

    // The edited layout is remembered across a reload.
    await page.reload();
    await page.locator('[data-results-table] thead th', { hasText: 'best ± std' }).waitFor();
    assert.equal(await page.locator('[data-control="table-preset"]').inputValue(), 'custom');
  });
});
