import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { browserSessionForSuite } from '../support/browserApp.js';

/** The ε view in headless Chromium (browser mode): histograms per layer, the draggable ε line. */
describe('ε view', () => {
  const session = browserSessionForSuite();

  it('shows a histogram per layer of an Adam run; dragging the ε line changes the share of adaptive elements', { timeout: 240_000 }, async () => {
    const { page, call } = session;
    const run = await call('createRun', {
      config: {
        name: 'adam eps view',
        dataset: { kind: 'fashion-mnist', trainLimit: 384, testLimit: 128 },
        model: { kind: 'mlp', hidden: [24] },
        optimizer: { type: 'adam', lr: 0.003, eps: 1e-8 },
        training: { epochs: 2, batchSize: 64, seed: 2 },
      },
    });
    const deadline = Date.now() + 180_000;
    for (;;) {
      const current = await call('getRun', { id: run.id });
      if (current.status === 'completed') break;
      assert.ok(!['failed', 'diverged', 'cancelled'].includes(current.status), current.error ?? current.status);
      assert.ok(Date.now() < deadline, 'the run did not finish');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const view = await call('getEpsilonHistograms', { id: run.id });
    const layerCount = view.captures[0].layers.length;
    assert.equal(layerCount, 4);

    await page.goto(`${session.url.split('#')[0]}#/runs/${run.id}`);
    await page.getByTestId('open-epsilon').click();
    await page.getByTestId('epsilon-page').waitFor();
    const histograms = page.getByTestId('layer-histogram');
    await histograms.first().waitFor();
    assert.equal(await histograms.count(), layerCount);
    const names = await histograms.evaluateAll((els) => els.map((el) => el.getAttribute('data-layer')));
    assert.deepEqual(names, view.captures.at(-1)!.layers.map((l) => l.layer));
    await page.getByTestId('epsilon-range-value').waitFor();

    // The first layer's weights: drag the line from the far left (everything adaptive) to the far right (nothing).
    const first = histograms.first();
    const label = first.getByTestId('layer-adaptive');
    const before = (await label.textContent())!.trim();
    const svg = first.locator('svg');
    const box = (await svg.boundingBox())!;
    const y = box.y + box.height * 0.4;
    await page.mouse.move(box.x + 3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, y, { steps: 4 });
    await page.mouse.move(box.x + 4, y, { steps: 4 });
    await page.mouse.up();
    const atLeft = (await label.textContent())!.trim();
    // Left of every bin: all non-zero elements are adaptive (weights of always-blank pixels have ẑ = 0).
    const layer = view.captures.at(-1)!.layers[0];
    const nonZero = ((layer.count - layer.zeroCount - layer.nanCount) / layer.count) * 100;
    assert.equal(atLeft, `${nonZero === 100 ? '100' : nonZero.toFixed(2)}% adaptive`);
    await page.mouse.move(box.x + box.width - 3, y);
    await page.mouse.down();
    await page.mouse.up();
    const atRight = (await label.textContent())!.trim();
    assert.match(atRight, /^0% adaptive$/);
    assert.notEqual(atLeft, atRight);
    // The run's ε line and the dragged one differ in what they show, and the value shown follows the line.
    assert.notEqual(before, atRight);
    const epsText = await page.getByTestId('eps-value').textContent();
    assert.ok(epsText && epsText !== '1e-8', `ε shown after dragging: ${epsText}`);
    assert.equal(await page.getByTestId('adaptive-table').count(), 1);

    // The view as SVG: one document holding every plot.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG' }).click()]);
    assert.equal(download.suggestedFilename(), `run-${run.id}-epsilon.svg`);
    const svgPath = await download.path();

    const svgText = readFileSync(svgPath, 'utf8');
    assert.match(svgText, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok((svgText.match(/<svg/g) ?? []).length > layerCount, 'every plot is in the SVG');

    // One click creates the runs testing the range: its two extremes × the three proposed learning rates.
    await page.getByTestId('create-sweep').click();
    await page.getByTestId('sweep-created').waitFor();
    const range = view.range!;
    const epsilons = new Set([range.lower, range.upper]);
    const runs = await call('listRuns', {});
    const sweepRuns = runs.filter((r) => r.id !== run.id);
    assert.equal(sweepRuns.length, epsilons.size * 3);
    for (const r of sweepRuns) assert.ok(epsilons.has((r.config.optimizer as { eps: number }).eps));
    assert.deepEqual(
      [...new Set(sweepRuns.map((r) => (r.config.optimizer as { lr: number }).lr))].sort((a, b) => a - b),
      [0.0003, 0.003, 0.03],
    );
  });
});
