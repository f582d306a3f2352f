import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../support/browserApp.js';

/** Seed 003's Fig. 12 in small: one MLP trained with Adam at two values of ε; and an SGD run, which has no ẑ. */
const run = (name: string, optimizer: object) => ({
  name,
  dataset: { kind: 'fashion-mnist', trainLimit: 300, testLimit: 100 },
  model: { kind: 'mlp', hidden: [16] },
  optimizer,
  training: { epochs: 1, batchSize: 50, seed: 3 },
});

describe('ε histograms of several runs overlaid (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('the runs’ histograms are drawn per layer, each with its own ε line; reached from Compare and from a run’s ε page', async () => {
    const { page, call } = session;
    const ids: number[] = [];
    for (const [name, optimizer] of [
      ['adam ε 1e-8', { type: 'adam', lr: 0.003, eps: 1e-8 }],
      ['adam ε 1e-3', { type: 'adam', lr: 0.003, eps: 1e-3 }],
      ['sgd', { type: 'sgd', lr: 0.05 }],
    ] as const) {
      ids.push((await call('createRun', { config: run(name, optimizer) })).id);
    }
    for (;;) {
      const runs = await call('getRuns', { ids });
      assert.ok(runs.every((r) => !['failed', 'diverged', 'cancelled'].includes(r.status)), JSON.stringify(runs.map((r) => r.error)));
      if (runs.every((r) => r.status === 'completed')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const views = await Promise.all(ids.slice(0, 2).map((id) => call('getEpsilonHistograms', { id })));
    const layerNames = views[0].captures[0].layers.map((l) => l.layer);

    // From Compare.
    await page.goto(new URL(`#/compare/${ids.join(',')}`, page.url()).href);
    await page.locator('[data-link="epsilon-overlay"]').click();
    await page.waitForURL(new RegExp(`#/epsilon/compare/${ids.join(',')}$`));
    await page.locator('[data-overlay-layer]').first().waitFor();
    assert.deepEqual(await page.locator('[data-overlay-layer]').evaluateAll((els) => els.map((e) => e.getAttribute('data-overlay-layer'))), layerNames);
    assert.match(await page.getByTestId('overlay-not-adaptive').innerText(), /sgd/, 'the SGD run is named as left out');
    const first = page.locator(`[data-overlay-layer="${layerNames[0]}"]`);
    assert.equal(await first.getAttribute('data-series'), '2');
    assert.equal(await first.locator('[data-histogram-run]').count(), 2);
    // Each run's ε line where its ε is: 1e-3 to the right of 1e-8.
    const epsX = async (id: number) => Number(await first.locator(`[data-eps-line="${id}"]`).getAttribute('x1'));
    assert.equal(Number(await first.locator(`[data-eps-line="${ids[0]}"]`).getAttribute('data-eps')), 1e-8);
    assert.ok((await epsX(ids[1])) > (await epsX(ids[0])));
    // The share above each run's own ε is the captured one.
    for (const [i, view] of views.entries()) {
      const layer = view.captures.find((c) => c.epoch === 1 && c.endOfEpoch)!.layers[0];
      const share = await first.locator(`[data-layer-share="${ids[i]}"]`).innerText();
      assert.match(share, new RegExp(`${(layer.fractionAboveEps! * 100).toFixed(2).replace('.', '\\.')}% adaptive`));
    }
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/epsilon-overlay.png`, fullPage: true });

    // From a run's ε page.
    await page.goto(new URL(`#/runs/${ids[0]}/epsilon`, page.url()).href);
    await page.fill('[data-control="overlay-ids"]', String(ids[1]));
    await page.click('[data-control="overlay"]');
    await page.waitForURL(new RegExp(`#/epsilon/compare/${ids[0]},${ids[1]}$`));
    await page.locator(`[data-overlay-layer="${layerNames[0]}"][data-series="2"]`).waitFor();
  });
});
