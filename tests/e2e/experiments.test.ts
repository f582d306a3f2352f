import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../support/browserApp.js';

/** A tiny MLP on the Fashion-MNIST subset: seeds change the initial weights and the shuffling, so trials differ. */
const base = {
  dataset: { kind: 'fashion-mnist', trainLimit: 600, testLimit: 200 },
  model: { kind: 'mlp', hidden: [16], activation: 'relu' },
  optimizer: { type: 'sgd', lr: 0.05 },
  training: { epochs: 2, batchSize: 60 },
};

describe('Experiments and Compare (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('an experiment of 2 settings × 3 seeds is created from the form, compared with bands and a table, and exported', async () => {
    const { page } = session;
    await page.goto(new URL('#/experiments', page.url()).href);
    await page.click('#new-experiment');
    // The advanced view: the experiment as JSON (the builder is driven in sweepBuilder.test.ts).
    await page.click('[data-view-json]');
    await page.fill('#experiment-json', JSON.stringify({ name: 'e2e lr sweep', base, sweep: { axes: [{ path: 'optimizer.lr', values: [0.02, 0.2] }] }, trials: { count: 3 } }, null, 2));
    await page.locator('[data-run-count="6"]').waitFor();
    assert.match((await page.locator('[data-preview]').textContent()) ?? '', /2 settings × 3 seeds = 6 runs/);

    await page.click('#experiment-create');
    await page.waitForURL(/#\/compare\/experiment\/\d+$/);
    const experimentId = Number(/(\d+)$/.exec(page.url())![1]);

    // Every run trains to the end.
    for (;;) {
      const experiment = await session.call('getExperiment', { id: experimentId });
      assert.equal(experiment.runIds.length, 6);
      const finished = Object.entries(experiment.statusCounts).filter(([status]) => status !== 'queued' && status !== 'running');
      if (finished.reduce((n, [, count]) => n + count, 0) === 6) {
        assert.deepEqual(experiment.statusCounts, { completed: 6 });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    // The chart shows one mean line per setting, each with its band, for test accuracy.
    const chart = page.locator('[data-chart="compare"][data-lines="2"][data-bands="2"]');
    await chart.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('[data-control="metric"]').inputValue(), 'test/accuracy');
    assert.ok(Number(await chart.getAttribute('data-points')) > 0);

    // The results table: one row per setting, the best cells in bold, values as the API computes them.
    const rows = page.locator('[data-results-table] tbody tr');
    await page.locator('[data-results-table] tbody tr:nth-child(2)').waitFor();
    assert.equal(await rows.count(), 2);
    assert.ok((await page.locator('[data-results-table] td.best strong').count()) > 0);
    const table = await session.call('getResultsTable', { experimentId, metrics: ['test/accuracy'] });
    assert.deepEqual(await rows.nth(0).locator('td').nth(1).textContent(), String(table.rows[0].cells[1]));

    const [latexDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-download-table="latex"]')]);
    assert.match(latexDownload.suggestedFilename(), /\.tex$/);
    const latex = await readFile((await latexDownload.path())!, 'utf8');
    assert.match(latex, /\\toprule/);
    assert.match(latex, /\\textbf\{/);
    assert.match(latex, /^Name & optimizer\.lr & n & accuracy \(\\%\) & best \(\\%\) \\\\$/m, 'the compact layout: the mean ± std of the final accuracy and the best trial');

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="png"]')]);
    assert.match(pngDownload.suggestedFilename(), /\.png$/);
    const png = await readFile((await pngDownload.path())!);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 5000, `the PNG has a drawn chart (${png.length} bytes)`);
  });

  test('an exported experiment file is imported with the Import button; a training run is deleted from the runs table after confirmation', async () => {
    const { page } = session;
    const [experiment] = await session.call('listExperiments', {});
    const bundle = await session.call('exportExperiment', { id: experiment.id });
    const folder = await mkdtemp(join(tmpdir(), 'optlab-e2e-import-'));
    try {
      const file = join(folder, 'experiment.json');
      await writeFile(file, JSON.stringify(bundle));
      await page.goto(new URL('#/experiments', page.url()).href);
      await page.locator('[data-experiments]').waitFor();
      await page.setInputFiles('[data-import-experiment]', file);
      await page.locator('.banner', { hasText: 'Imported "e2e lr sweep"' }).waitFor();
      assert.equal(await page.locator('[data-experiments] tbody tr').count(), 2);
      const experiments = await session.call('listExperiments', {});
      assert.deepEqual(experiments[0].statusCounts, { completed: 6 });
      assert.equal(experiments[0].runIds.length, 6);

      await writeFile(file, '{"format": "optlab-experiment", "version": 99}');
      await page.setInputFiles('[data-import-experiment]', file);
      await page.locator('.banner.error', { hasText: 'unsupported experiment file version' }).waitFor();
      assert.equal((await session.call('listExperiments', {})).length, 2);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    const long = await session.call('createRun', {
      config: {
        name: 'e2e long run',
        dataset: { kind: 'surface', surface: 'rosenbrock' },
        model: { kind: 'point' },
        optimizer: { type: 'sgd', lr: 1e-4 },
        training: { epochs: 500, stepsPerEpoch: 1000 },
      },
    });
    await page.goto(new URL('#/runs', page.url()).href);
    const row = page.locator(`[data-run-id="${long.id}"]`);
    await row.locator('[data-status="running"]').waitFor({ timeout: 60_000 });
    await row.locator('input[type="checkbox"]').check();
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await page.click('[data-action="delete"]');
    await row.waitFor({ state: 'detached', timeout: 60_000 });
    assert.match(question, /^Delete 1 run with all its metrics\? It is queued or training and will be cancelled first\./);
    await assert.rejects(session.call('getRun', { id: long.id }), /There is no run/);
  });
});
