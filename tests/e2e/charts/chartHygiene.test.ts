import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../../support/browserApp.js';
import { completedRun } from '../../support/completedRun.js';

/** Adam on Rosenbrock from (3, 1): the loss falls from about 6,400 over several decades. */
const config = {
  name: 'e2e chart hygiene',
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'adam', lr: 0.05 },
  training: { epochs: 4, stepsPerEpoch: 100 },
};

const numbers = (text: string | null) => (text ?? '').split(',').filter(Boolean).map(Number);

describe('run page charts: ticks, zoom, export and remembered settings', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('log ticks are decades, ticks never repeat, a dragged box zooms and Reset goes back, PNG and SVG download, settings survive navigation and a reload', async () => {
    const { page } = session;
    const { id } = await session.call('createRun', { config });
    await completedRun(session, id);
    await page.goto(new URL(`#/runs/${id}`, page.url()).href);
    const loss = page.locator('[data-chart="loss"]');
    await page.locator('[data-chart="loss"][data-x-ticks]').waitFor();

    await loss.locator('[data-control="log"]').check();
    await page.locator('[data-chart="loss"][data-y-type="logarithmic"]').waitFor();
    const yTicks = numbers(await loss.getAttribute('data-y-ticks'));
    assert.ok(yTicks.length >= 3, `decades: ${yTicks.join(', ')}`);
    for (const t of yTicks) assert.ok(Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9, `${t} is a power of ten (${yTicks.join(', ')})`);
    for (const chart of ['loss', 'lr', 'distance']) {
      const ticks = numbers(await page.locator(`[data-chart="${chart}"]`).getAttribute('data-x-ticks'));
      assert.equal(new Set(ticks).size, ticks.length, `${chart}: ${ticks.join(', ')}`);
    }

    // Zoom: drag a box over the middle of the plot, then reset.
    const [lo, hi] = numbers(await loss.getAttribute('data-x-range'));
    const box = (await loss.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await loss.locator('[data-control="reset-zoom"]').waitFor();
    const [zlo, zhi] = numbers(await loss.getAttribute('data-x-range'));
    assert.ok(zlo > lo && zhi < hi && zhi - zlo < (hi - lo) / 2, `zoomed from ${lo}…${hi} to ${zlo}…${zhi}`);
    await loss.locator('[data-control="reset-zoom"]').click();
    assert.deepEqual(numbers(await loss.getAttribute('data-x-range')), [lo, hi]);

    const [png] = await Promise.all([page.waitForEvent('download'), loss.locator('[data-export="png"]').click()]);
    assert.equal(png.suggestedFilename(), `run-${id}-loss.png`);
    assert.deepEqual([...(await readFile((await png.path())!)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const [svg] = await Promise.all([page.waitForEvent('download'), loss.locator('[data-export="svg"]').click()]);
    const svgText = await readFile((await svg.path())!, 'utf8');
    assert.match(svgText, /^<svg /);
    assert.ok((svgText.match(/<polyline /g) ?? []).length >= 2);

    // Settings: x-axis, smoothing, log scale and a hidden line, kept across navigation and a reload.
    await page.selectOption('[data-testid="x-axis"]', 'epoch');
    await loss.locator('input[type="range"]').fill('0.6');
    await loss.locator('button[data-line="train/loss"]').click();
    const check = async (when: string) => {
      await page.locator('[data-chart="loss"][data-x-ticks]').waitFor();
      assert.equal(await page.locator('[data-testid="x-axis"]').inputValue(), 'epoch', when);
      assert.equal(await loss.locator('[data-control="log"]').isChecked(), true, when);
      assert.equal(await loss.locator('input[type="range"]').inputValue(), '0.6', when);
      assert.equal(await loss.locator('button[data-line="train/loss"]').getAttribute('aria-pressed'), 'false', when);
      assert.equal(await loss.locator('button[data-line="train/loss_step"]').getAttribute('aria-pressed'), 'true', when);
    };
    await check('as set');
    await page.goto(new URL('#/runs', page.url()).href);
    await page.locator('h1', { hasText: 'Runs' }).waitFor();
    await page.goto(new URL(`#/runs/${id}`, page.url()).href);
    await check('after navigating away and back');
    await page.reload();
    await check('after a reload');
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/run-charts-settings.png`, fullPage: true });
  });
});
