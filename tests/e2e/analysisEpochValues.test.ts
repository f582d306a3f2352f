import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SqliteRunStore } from '../../main/store/sqliteRunStore.js';
import { runConfigSchema } from '../../shared/config/runConfig.js';
import type { MetricPoint } from '../../shared/runs/runTypes.js';
import { browserSessionForSuite } from '../support/browserApp.js';

/** The page's document, as far as the functions evaluated in the page use it (tests are type-checked without the DOM library). */
declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };

/** Per run (by learning rate): five epochs of test accuracy that peak before the end, and a validation accuracy best at another epoch. */
const histories = [
  { lr: 0.0003, accuracy: [0.6, 0.7, 0.78, 0.74, 0.72], val: [0.62, 0.75, 0.7, 0.69, 0.7] },
  { lr: 0.003, accuracy: [0.7, 0.86, 0.84, 0.8, 0.79], val: [0.71, 0.8, 0.83, 0.82, 0.8] },
  { lr: 0.03, accuracy: [0.5, 0.55, 0.6, 0.66, 0.64], val: [0.5, 0.58, 0.6, 0.61, 0.67] },
];

function seed(dbPath: string): void {
  const store = SqliteRunStore.open(dbPath);
  try {
    for (const h of histories) {
      const config = runConfigSchema.parse({
        name: `adam lr ${h.lr}`,
        dataset: { kind: 'fashion-mnist', trainLimit: 1000 },
        model: { kind: 'mlp', hidden: [16] },
        optimizer: { type: 'adam', lr: h.lr },
        training: { epochs: 5, batchSize: 100, seed: 1 },
      });
      const run = store.createRun({ config });
      store.updateRun(run.id, { status: 'completed', startedAt: run.createdAt, finishedAt: run.createdAt, progress: { epoch: 5, totalEpochs: 5, step: 50, totalSteps: 50, etaSeconds: 0 } });
      const points: MetricPoint[] = h.accuracy.flatMap((value, i) => [
        { key: 'test/accuracy', step: (i + 1) * 10, epoch: i + 1, value, time: i + 1 },
        { key: 'val/accuracy', step: (i + 1) * 10, epoch: i + 1, value: h.val[i], time: i + 1 },
      ]);
      store.appendMetrics(run.id, points);
    }
  } finally {
    store.close();
  }
}

/**
 * Waits until the scatter has drawn a point of this value. A function, not a string: the app's CSP
 * refuses evaluating strings, which Playwright needs for a string predicate once it has to poll.
 */
async function drawnValue(page: Page, value: number): Promise<void> {
  await page.waitForFunction(
    (v) => (JSON.parse(document.querySelector('[data-scatter]')?.getAttribute('data-drawn') ?? '[]') as { value: number }[]).some((d) => d.value === v),
    value,
  );
}

/** The metric values the scatter plots, by learning rate (its x). */
async function plotted(page: Page, expectedCount: number): Promise<number[]> {
  await page.waitForFunction((n) => (JSON.parse(document.querySelector('[data-scatter]')?.getAttribute('data-drawn') ?? '[]') as unknown[]).length === n, expectedCount);
  const drawn = JSON.parse((await page.locator('[data-scatter]').getAttribute('data-drawn'))!) as { id: number; value: number }[];
  return [...drawn].sort((a, b) => a.id - b.id).map((d) => d.value);
}

describe('hyperparameter analysis of final, best and best-epoch values (browser mode)', { timeout: 180_000 }, () => {
  const session = browserSessionForSuite('#/compare/1,2,3', { seed });

  test('switching to best plots each run’s stored best; at the best epoch of val/accuracy its test accuracy there', async () => {
    const { page, call } = session;
    await page.locator('[data-parallel-coordinates][data-lines="3"]').waitFor();
    await page.locator('[data-control="analysis-metric"]').selectOption('test/accuracy');
    assert.equal(await page.locator('[data-control="scatter-field"]').inputValue(), 'optimizer.lr');
    const metrics = await Promise.all([1, 2, 3].map((id) => call('getMetrics', { id, keys: ['test/accuracy'], maxPoints: 0 })));
    const stored = metrics.map((series) => series[0].points.map((p) => p.value));

    assert.deepEqual(await plotted(page, 3), stored.map((values) => values.at(-1)), 'final: the last epoch');

    await page.locator('[data-control="analysis-value"]').selectOption('best');
    await drawnValue(page, Math.max(...stored[0]!));
    assert.deepEqual(await plotted(page, 3), stored.map((values) => Math.max(...values)), 'best: the highest accuracy of each run');
    assert.deepEqual(await plotted(page, 3), [0.78, 0.86, 0.66]);
    // The results table's "best" is the same number.
    const table = await call('getResultsTable', { runIds: [1, 2, 3], metrics: ['test/accuracy'], of: ['best'], stats: ['max'] });
    const bestColumn = table.columns.findIndex((c) => c.of === 'best' && c.stat === 'max');
    assert.deepEqual(table.rows.map((r) => r.cells[bestColumn]).sort(), [0.66, 0.78, 0.86]);

    await page.locator('[data-control="analysis-value"]').selectOption('atBestEpoch');
    await page.locator('[data-control="analysis-by"]').waitFor();
    assert.equal(await page.locator('[data-control="analysis-by"]').inputValue(), 'val/accuracy', 'the validation accuracy chooses the epoch when there is one');
    await drawnValue(page, 0.7);
    // Run 1's val/accuracy is best at epoch 2, run 2's at 3, run 3's at 5.
    assert.deepEqual(await plotted(page, 3), [0.7, 0.84, 0.64]);
    assert.match(await page.locator('[data-hyperparameter-analysis] .note').first().innerText(), /at the epoch of its best val\/accuracy/);
    if (process.env.OPTLAB_SCREENSHOTS) await page.locator('[data-hyperparameter-analysis]').screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/analysis-best-epoch.png` });

    await page.locator('[data-control="analysis-value"]').selectOption('final');
    await drawnValue(page, 0.72);
    assert.deepEqual(await plotted(page, 3), [0.72, 0.79, 0.64]);
  });
});
