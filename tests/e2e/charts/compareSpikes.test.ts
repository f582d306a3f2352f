import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SqliteRunStore } from '../../../main/store/sqliteRunStore.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import type { MetricPoint } from '../../../shared/runs/runTypes.js';
import { browserSessionForSuite } from '../../support/browserApp.js';

/** The page's document, as far as the functions evaluated in the page use it (tests are type-checked without the DOM library). */
declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };

/** A long step series with one one-step spike, whose values keep all their digits. */
const steps = 12_000;
const spikeStep = 7_777;
const spikeValue = 41.123456789012344;
const valueAt = (step: number) => (step === spikeStep ? spikeValue : Math.exp(-step / 4000) + 0.01 * Math.sin(step * 0.37) + 1 / 3);

function seed(dbPath: string): void {
  const store = SqliteRunStore.open(dbPath);
  try {
    const config = runConfigSchema.parse({ name: 'long series', dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'sgd', lr: 0.0001 }, training: { epochs: 1, stepsPerEpoch: steps } });
    const run = store.createRun({ config });
    store.updateRun(run.id, { status: 'completed', progress: { epoch: 1, totalEpochs: 1, step: steps, totalSteps: steps, etaSeconds: 0 } });
    const points: MetricPoint[] = [];
    for (let step = 1; step <= steps; step++) points.push({ key: 'train/loss_step', step, epoch: 0, value: valueAt(step), time: step * 0.0123456789 });
    store.appendMetrics(run.id, points);
  } finally {
    store.close();
  }
}

describe('Compare draws long series at full fidelity', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite(undefined, { seed });

  test('a one-step spike among 12,000 points is drawn, and hovering it or any point says the stored value, every digit', async () => {
    const { page } = session;
    await page.goto(new URL('#/compare/1', session.url).href);
    await page.locator('[data-chart="compare"]').waitFor();
    const grouped = page.locator('[data-control="grouped"]');
    if (await grouped.isChecked()) await grouped.uncheck();
    const chart = page.locator('[data-chart="compare"][data-lines="1"]');
    // A function, not a string: the app's CSP refuses evaluating strings, which a polling string predicate needs.
    await page.waitForFunction(() => Number(document.querySelector('[data-chart="compare"][data-lines="1"]')?.getAttribute('data-points')) > 0);
    const drawn = Number(await chart.getAttribute('data-points'));
    // The lowest and highest point of each pixel column (of 16-step buckets here): far fewer than stored.
    assert.ok(drawn < steps / 4, `${drawn} points drawn of ${steps}`);

    const box = (await chart.locator('canvas').first().boundingBox())!;
    const hovered = chart.locator('[data-hovered]');
    const readAt = async (fraction: number, height: number): Promise<{ step: number; value: string }> => {
      await page.mouse.move(box.x - 20, box.y - 20);
      await page.mouse.move(box.x + box.width * fraction, box.y + box.height * height);
      await page.waitForFunction((el) => (el?.textContent ?? '') !== '', await hovered.elementHandle());
      const text = (await hovered.textContent())!;
      // "step 7777 · #1 long series: 41.123456789012344"
      const match = /^step (\d+) · .*: (-?[\d.e+-]+|NaN)$/.exec(text);
      assert.ok(match, `the hover reads as a step and a value: ${text}`);
      return { step: Number(match[1]), value: match[2] };
    };

    // Points along the line: each a stored point, its value with every digit.
    const readings = [await readAt(0.3, 0.75), await readAt(0.7, 0.75)];
    for (const { step, value } of readings) {
      assert.equal(value, String(valueAt(step)), `the value at step ${step} as stored`);
      assert.ok(value.replace(/^-?0?\.?/, '').length > 12, `the value keeps its digits: ${value}`);
    }
    // The spike's x from those two readings (the x-axis is linear in steps), hovered near the top of the plot.
    const [a, b] = readings;
    const spikeFraction = 0.3 + ((spikeStep - a.step) / (b.step - a.step)) * 0.4;
    const spike = await readAt(spikeFraction, 0.12);
    assert.deepEqual(spike, { step: spikeStep, value: String(spikeValue) });
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/compare-spike.png`, fullPage: true });
  });
});
