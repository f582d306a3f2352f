import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { browserSessionForSuite } from '../../support/browserApp.js';

function seed(dbPath: string): void {
  const store = SqliteRunStore.open(dbPath);
  try {
    for (let i = 0; i < 3; i++) {
      const config = runConfigSchema.parse({ name: `run ${i}`, dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.001 * (i + 1) }, training: { epochs: 1, stepsPerEpoch: 2_000 } });
      const run = store.createRun({ config });
      store.updateRun(run.id, { status: 'completed', progress: { epoch: 1, totalEpochs: 1, step: 2_000, totalSteps: 2_000, etaSeconds: 0 } });
      store.appendMetrics(run.id, Array.from({ length: 2_000 }, (_, s) => ({ key: 'train/loss_step', step: s + 1, epoch: 0, value: 1 / (s + 1 + i), time: s * 0.01 })));
    }
  } finally {
    store.close();
  }
}

describe('Compare opened by its address', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite(undefined, { seed });

  test('asks for its series, runs and metric names once each, before the app and page scripts have loaded, and draws them', async () => {
    const { page } = session;
    await page.goto(new URL('#/compare/1,2,3', session.url).href);
    // Drawn: the chart's points counted (the page's CSP refuses string evaluation, so a locator waits).
    await page.locator('[data-chart="compare"][data-lines]:not([data-points="0"])').waitFor({ timeout: 60_000 });
    const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: (e as unknown as { responseEnd: number }).responseEnd })));
    const calls = (method: string) => entries.filter((e) => e.name.endsWith(`/api/call/${method}`));
    for (const method of ['getSeriesColumns', 'getRuns', 'getMetricKeys']) assert.equal(calls(method).length, 1, `${method} sent once`);
    const pageScript = entries.find((e) => /\/ComparePage-[\w-]+\.js$/.test(e.name));
    assert.ok(pageScript, 'the page script is loaded on its own');
    const appScript = entries.find((e) => /\/startApp-[\w-]+\.js$/.test(e.name));
    assert.ok(appScript, 'the app is a script of its own, after the first one');
    assert.ok(calls('getSeriesColumns')[0].start < appScript.end, 'the series are asked for while the app script loads');
    assert.ok(calls('getSeriesColumns')[0].start < pageScript.end, 'and before the page script has loaded');
    // The status line's backend is still probed, once the page's calls are answered.
    await page.locator('[data-testid="backend-name"]').waitFor({ timeout: 60_000 });
  });
});
