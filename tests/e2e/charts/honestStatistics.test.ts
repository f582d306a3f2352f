import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../../support/browserApp.js';

type Call = ReturnType<typeof browserSessionForSuite>['call'];

async function waitUntilFinished(call: Call, ids: number[]): Promise<void> {
  for (;;) {
    const runs = await Promise.all(ids.map((id) => call('getRun', { id })));
    if (runs.every((r) => r.status === 'completed')) return;
    assert.ok(runs.every((r) => ['queued', 'running', 'completed'].includes(r.status)), JSON.stringify(runs.map((r) => [r.id, r.status, r.error])));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('statistics say what they count', { timeout: 600_000 }, () => {
  const session = browserSessionForSuite();

  test('n counts completed trials only; excluded says why; queued trials are pending; one trial has no std', async () => {
    const { page } = session;
    const config = { dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.0001 }, training: { epochs: 2, stepsPerEpoch: 20 } };
    const ids: number[] = [];
    for (const seed of [0, 1, 2]) ids.push((await session.call('createRun', { config: { ...config, training: { ...config.training, seed } } })).id);
    await waitUntilFinished(session.call, ids);
    // Three trials of one setting: one completed, one that failed, one still waiting in the queue.
    const db = new Database(session.dbPath);
    try {
      db.prepare("UPDATE runs SET status = 'failed', error = 'killed' WHERE id = ?").run(ids[1]);
      db.prepare("UPDATE runs SET status = 'queued', finished_at = NULL WHERE id = ?").run(ids[2]);
    } finally {
      db.close();
    }
    await page.goto(new URL(`#/compare/${ids.join(',')}`, page.url()).href);
    await page.locator('[data-results-table] tbody tr').first().waitFor();
    const headers = await page.locator('[data-results-table] thead th').allInnerTexts();
    const cells = await page.locator('[data-results-table] tbody tr').first().locator('td').allInnerTexts();
    const cell = (name: string) => cells[headers.indexOf(name)];
    assert.equal(cell('n'), '1');
    assert.equal(cell('excluded'), '1 failed');
    assert.equal(cell('pending'), '1');
    assert.match(cell('train loss'), / ± –$/, 'one completed trial has no standard deviation');
    const legend = await page.locator('[data-legend] li').allInnerTexts();
    assert.equal(legend.length, 1);
    assert.match(legend[0], /\(n=1\)$/, 'the mean is over the one completed trial');
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/compare-counts.png`, fullPage: true });
  });

  test('the β2 × ε heatmap offers the best over learning rates and one learning rate, and its caption says which', async () => {
    const { page, call } = session;
    const source = await call('createRun', {
      config: {
        name: 'heatmap source',
        dataset: { kind: 'fashion-mnist', trainLimit: 300, testLimit: 100 },
        model: { kind: 'mlp', hidden: [8] },
        optimizer: { type: 'adam', lr: 0.003, eps: 1e-8 },
        training: { epochs: 1, batchSize: 60 },
      },
    });
    await waitUntilFinished(call, [source.id]);
    const sweep = await call('createEpsilonSweep', { id: source.id, request: { mode: 'custom', epsilons: [1e-8], learningRates: [0.001, 0.1], beta2s: [0.99] } });
    const sweepIds = sweep.runs.map((r) => r.id);
    await waitUntilFinished(call, sweepIds);
    const best = async (id: number) => Math.max(...(await call('getMetrics', { id, keys: ['test/accuracy'] }))[0].points.map((p) => p.value));
    const byLr = new Map<number, number>();
    for (const id of sweepIds) byLr.set(((await call('getRun', { id })).config.optimizer as { lr: number }).lr, await best(id));

    await page.goto(new URL(`#/runs/${source.id}/epsilon`, page.url()).href);
    await page.getByTestId('epsilon-heatmap').waitFor();
    await page.locator('[data-control="heatmap-axis"]').selectOption('beta2');
    const caption = page.getByTestId('heatmap-aggregate');
    await page.locator('[data-testid="heatmap-aggregate"]', { hasText: 'best over the 3 learning rates' }).waitFor();
    assert.match(await caption.innerText(), /mean over seeds at each learning rate, best over the 3 learning rates/);
    // Row 0 is β2 = 0.99 (the sweep's), its one column ε = 1e-8.
    const cell = page.locator('[data-cell="0,0"]');
    assert.ok(Math.abs(Number(await cell.getAttribute('data-value')) - Math.max(...byLr.values())) < 1e-12, 'the best of the two learning rates, not their mean');

    await page.locator('[data-control="heatmap-aggregation"]').selectOption('0.1');
    await page.locator('[data-testid="heatmap-aggregate"]', { hasText: 'at learning rate 0.1' }).waitFor();
    assert.match(await caption.innerText(), /mean over seeds, at learning rate 0\.1$/);
    assert.ok(Math.abs(Number(await page.locator('[data-cell="0,0"]').getAttribute('data-value')) - byLr.get(0.1)!) < 1e-12);
    if (process.env.OPTLAB_SCREENSHOTS) await page.getByTestId('epsilon-heatmap').screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/heatmap-at-lr.png` });
  });
});
