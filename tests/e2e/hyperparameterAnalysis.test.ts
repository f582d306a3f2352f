import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../support/browserApp.js';

/** The page's document, as far as the functions evaluated in the page use it (tests are type-checked without the DOM library). */
declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };

/** A real sweep: Adam's learning rate × ε on a small Fashion-MNIST MLP, one seed each. */
const experiment = {
  name: 'lr × ε',
  base: {
    dataset: { kind: 'fashion-mnist', trainLimit: 300, testLimit: 100 },
    model: { kind: 'mlp', hidden: [8] },
    optimizer: { type: 'adam', lr: 0.001, eps: 1e-8 },
    training: { epochs: 2, batchSize: 50 },
  },
  sweep: { axes: [{ path: 'optimizer.lr', values: [0.0003, 0.003, 0.03] }, { path: 'optimizer.eps', values: [1e-8, 1e-3] }] },
  trials: { seeds: [1] },
};

describe('Hyperparameter analysis (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('a sweep is drawn as parallel coordinates and a scatter on log axes; a line and a point open their runs', async () => {
    const { page, call } = session;
    const created = await call('createExperiment', { config: experiment });
    for (;;) {
      const current = await call('getExperiment', { id: created.id });
      if ((current.statusCounts.completed ?? 0) === 6) break;
      assert.ok(Object.keys(current.statusCounts).every((s) => ['queued', 'running', 'completed'].includes(s)), JSON.stringify(current.statusCounts));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.goto(new URL(`#/compare/experiment/${created.id}`, page.url()).href);
    const parallel = page.locator('[data-parallel-coordinates][data-lines="6"]');
    await parallel.waitFor();
    assert.deepEqual(
      await page.locator('[data-parallel-coordinates] [data-axis]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-axis')}:${e.getAttribute('data-scale')}`)),
      ['optimizer.eps:log', 'optimizer.lr:log', 'test/accuracy:linear'],
    );
    // Each line ends at its run's final accuracy: the best run's line ends at the top of the metric axis.
    const runs = await call('getRuns', { ids: created.runIds });
    const best = runs.reduce((a, b) => (b.lastMetrics['test/accuracy'] > a.lastMetrics['test/accuracy'] ? b : a));
    const endY = async (id: number) => page.locator(`[data-parallel-coordinates] [data-run="${id}"] polyline`).last().evaluate((el) => Number(el.getAttribute('points')!.split(' ').at(-1)!.split(',')[1]));
    const worst = runs.reduce((a, b) => (b.lastMetrics['test/accuracy'] < a.lastMetrics['test/accuracy'] ? b : a));
    assert.ok((await endY(best.id)) < (await endY(worst.id)), 'the better run ends higher');

    const scatter = page.locator('[data-scatter][data-points="6"]');
    await scatter.waitFor();
    assert.equal(await page.locator('[data-control="scatter-field"]').inputValue(), 'optimizer.eps');
    assert.equal(await scatter.getAttribute('data-x-scale'), 'logarithmic', 'ε on a log axis');
    await page.locator('[data-control="scatter-log"]').uncheck();
    await page.locator('[data-scatter][data-x-scale="linear"]').waitFor();
    await page.locator('[data-control="scatter-field"]').selectOption('optimizer.lr');
    await page.locator('[data-scatter][data-x-scale="logarithmic"]').waitFor();
    assert.ok(await page.locator('[data-control="scatter-log"]').isChecked(), 'the learning rate on a log axis');
    // A function, not a string: the app's CSP refuses evaluating strings, which a polling string predicate needs.
    await page.waitForFunction(() => (JSON.parse(document.querySelector('[data-scatter]')?.getAttribute('data-drawn') ?? '[]') as unknown[]).length === 6);
    if (process.env.OPTLAB_SCREENSHOTS) await page.locator('[data-hyperparameter-analysis]').screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/hyperparameter-analysis.png` });

    // A click on a point opens its run.
    const drawn = JSON.parse((await scatter.getAttribute('data-drawn'))!) as { id: number; x: number; y: number }[];
    const box = (await scatter.locator('canvas').boundingBox())!;
    await page.mouse.click(box.x + drawn[2].x, box.y + drawn[2].y);
    await page.waitForURL(new RegExp(`#/runs/${drawn[2].id}$`));

    // A click on a line opens its run too.
    await page.goBack();
    await parallel.waitFor();
    // At the middle of the line's first segment (ε → lr: no two runs share it), in screen pixels.
    // The SVG is drawn at 1 px per unit, so a point of the polyline is the SVG's corner plus its coordinates.
    const points = (await page.locator(`[data-parallel-coordinates] [data-run="${best.id}"] polyline`).first().getAttribute('points'))!.split(' ').map((p) => p.split(',').map(Number));
    const corner = (await page.locator('[data-parallel-coordinates]').boundingBox())!;
    const middle = { x: corner.x + (points[0][0] + points[1][0]) / 2, y: corner.y + (points[0][1] + points[1][1]) / 2 };
    await page.mouse.click(middle.x, middle.y);
    await page.waitForURL(new RegExp(`#/runs/${best.id}$`));

    // The Experiments page shows the same analysis.
    await page.goto(new URL('#/experiments', page.url()).href);
    await page.locator(`[data-experiment-id="${created.id}"] [data-analyse]`).click();
    await page.locator('[data-parallel-coordinates][data-lines="6"]').waitFor();
  });
});
