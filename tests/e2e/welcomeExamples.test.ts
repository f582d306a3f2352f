import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../support/browserApp.js';

describe('the first-launch welcome panel (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite('#/runs');

  test('a fresh database shows the examples; the toy one starts with one click, opens Compare, trains, and the panel is gone once runs exist', async () => {
    const { page } = session;
    await page.locator('[data-welcome]').waitFor();
    assert.equal(await page.locator('tr[data-run-id]').count(), 0);

    // The Fashion-MNIST example can start exactly when the app finds the dataset; otherwise its button says so.
    const fashion = (await session.call('listDatasets', {})).find((d) => d.kind === 'fashion-mnist');
    const study = page.locator('[data-example="mas-lambda-fashion-mnist"]');
    if (fashion?.available) await study.locator('[data-start-example]:not([disabled])').waitFor();
    else await study.locator('[data-missing-dataset="fashion-mnist"]', { hasText: 'not found' }).waitFor();

    await page.click('[data-start-example="toy-surface"]');
    await page.waitForURL(/#\/compare\/experiment\/\d+$/);
    const experimentId = Number(/(\d+)$/.exec(page.url())![1]);
    for (;;) {
      const experiment = await session.call('getExperiment', { id: experimentId });
      assert.equal(experiment.runIds.length, 3);
      const done = Object.entries(experiment.statusCounts).filter(([status]) => status !== 'queued' && status !== 'running');
      if (done.reduce((n, [, count]) => n + count, 0) === 3) {
        assert.deepEqual(experiment.statusCounts, { completed: 3 });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const experiment = await session.call('getExperiment', { id: experimentId });
    const runs = await Promise.all(experiment.runIds.map((id) => session.call('getRun', { id })));
    assert.deepEqual(runs.map((r) => r.config.optimizer.type).sort(), ['adam', 'mas', 'sgd']);
    await page.locator('[data-chart="compare"][data-lines="3"]').waitFor({ timeout: 30_000 });

    await page.goto(new URL('#/runs', page.url()).href);
    await page.locator('tr[data-run-id]').nth(2).waitFor();
    assert.equal(await page.locator('[data-welcome]').count(), 0);
  });
});
