import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../../support/browserApp.js';

const surface = { dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, training: { epochs: 2, stepsPerEpoch: 20 } };

/** Three runs made one by one (no experiment): Adam, SGD with momentum, Adam with AMSGrad at another lr. */
const configs = [
  { ...surface, name: 'adam small lr', optimizer: { type: 'adam', lr: 0.001 } },
  { ...surface, name: 'sgd momentum', optimizer: { type: 'sgd', lr: 0.0001, momentum: 0.9 } },
  { ...surface, name: 'amsgrad', optimizer: { type: 'adam', lr: 0.01, amsgrad: true } },
];

describe('comparing runs that are not one experiment', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('labels say only what differs, the legend shows every label whole, and table headers carry their section', async () => {
    const { page } = session;
    const ids: number[] = [];
    for (const config of configs) ids.push((await session.call('createRun', { config })).id);
    for (;;) {
      const runs = await session.call('listRuns', {});
      if (runs.every((r) => r.status === 'completed')) break;
      assert.ok(runs.every((r) => ['queued', 'running', 'completed'].includes(r.status)), JSON.stringify(runs.map((r) => [r.status, r.error])));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.goto(new URL(`#/compare/${ids.join(',')}`, page.url()).href);
    const legend = page.locator('[data-legend] li');
    await page.locator('[data-chart="compare"][data-lines="3"]').waitFor();
    await page.locator('[data-results-table] tbody tr:nth-child(3)').waitFor();

    assert.deepEqual(await legend.allInnerTexts(), ['adam, amsgrad=false, lr=0.001 (n=1)', 'sgd, lr=0.0001 (n=1)', 'adam, amsgrad=true, lr=0.01 (n=1)']);
    const text = await page.locator('.compare').innerText();
    assert.ok(!/undefined/.test(text), 'no "undefined" anywhere on the page');
    const headers = await page.locator('[data-results-table] thead th').allInnerTexts();
    assert.ok(headers.includes('optimizer.lr') && headers.includes('optimizer.amsgrad') && headers.includes('optimizer.type'), headers.join(' | '));
    assert.equal(new Set(headers).size, headers.length, `no header twice: ${headers.join(' | ')}`);
    // Every legend entry is on screen whole: none is cut off by the canvas.
    for (const entry of await legend.all()) assert.ok(await entry.isVisible());

    // Ungrouped, each run is its id and its differences.
    await page.uncheck('[data-control="grouped"]');
    await page.locator('[data-legend] li', { hasText: '#2 sgd, lr=0.0001' }).waitFor();

    // Hovering the plot names the nearest run's point with its exact value; leaving the plot hides it.
    const box = await page.locator('[data-chart="compare"] canvas').first().boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tip = page.locator('[data-hover-tip]');
    await tip.waitFor();
    assert.match(await tip.innerText(), /^step \d+(\.\d+)?\n#\d+ .+: -?\d/, 'the step, then the run and its value');
    assert.match(await page.locator('[data-chart="compare"] [data-hovered]').textContent() ?? '', /^step \d+(\.\d+)? · #\d+ .+: -?\d/, 'screen readers are told the same');
    await page.mouse.move(box.x + box.width + 50, box.y - 50);
    await tip.waitFor({ state: 'detached' });
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/compare-loose-runs.png`, fullPage: true });
  });
});
