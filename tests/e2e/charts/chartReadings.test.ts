import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../../support/browserApp.js';
import { completedRun } from '../../support/completedRun.js';

const surfaceRun = (seed: number) => ({
  name: `wall-time trial ${seed}`,
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'sgd', lr: 0.0001 },
  training: { epochs: 2, stepsPerEpoch: 20, seed },
});

describe('charts read the stored values', { timeout: 600_000 }, () => {
  const session = browserSessionForSuite();

  test('hovering a point of the run page says its stored value, every digit', async () => {
    const { page } = session;
    const created = await session.call('createRun', {
      config: { name: 'hover', dataset: { kind: 'fashion-mnist', trainLimit: 600, testLimit: 100 }, model: { kind: 'mlp', hidden: [8] }, optimizer: { type: 'sgd', lr: 0.05 }, training: { epochs: 2, batchSize: 60 } },
    });
    await completedRun(session, created.id);
    const stored = await session.call('getMetrics', { id: created.id, keys: ['train/loss_step', 'train/loss', 'test/loss'] });
    await page.goto(new URL(`#/runs/${created.id}`, page.url()).href);
    const figure = page.locator('[data-chart="loss"][data-x-ticks]');
    await figure.waitFor();
    const box = (await figure.locator('canvas').boundingBox())!;
    const hovered = figure.locator('[data-hovered]');
    const readings: string[] = [];
    for (const fraction of [0.3, 0.55, 0.8]) {
      await page.mouse.move(box.x + box.width * fraction, box.y + box.height * 0.5);
      await page.waitForFunction((el) => (el?.textContent ?? '') !== '', await hovered.elementHandle());
      readings.push((await hovered.textContent())!);
      await page.mouse.move(box.x - 20, box.y - 20);
    }
    for (const text of readings) {
      // "step 12 · epoch 1 · 0.4s · train loss (step): 0.6931471805599453"
      const match = /^step (\d+)\b.*: (-?[\d.e+-]+)$/.exec(text);
      assert.ok(match, `the hover reads as a step and a value: ${text}`);
      const step = Number(match[1]);
      const values = stored.flatMap((s) => s.points.filter((p) => p.step === step).map((p) => String(p.value)));
      assert.ok(values.includes(match[2]), `${match[2]} at step ${step} is a stored value, as stored (${values.join(', ')})`);
      assert.ok(match[2].replace(/^-?0?\.?/, '').length > 6, `the value keeps its digits: ${match[2]}`);
    }
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/run-page-hover.png`, fullPage: true });
  });

  test('Compare’s mean over trials on wall time follows the trials (no saw-tooth)', async () => {
    const { page } = session;
    const ids: number[] = [];
    for (const seed of [1, 2]) ids.push((await session.call('createRun', { config: surfaceRun(seed) })).id);
    for (const id of ids) await completedRun(session, id);
    // Two trials of one falling line, recorded at interleaved seconds (a at 0, 0.2, …; b at 0.1, 0.3, …):
    // the mean of their straight lines is straight. Averaging by point index or by time bucket
    // alternates between the trials' values instead: a saw-tooth.
    const db = new Database(session.dbPath);
    try {
      const set = db.prepare(
        "UPDATE metric_points SET time = ?, value = ? WHERE series_id = (SELECT id FROM metric_series WHERE run_id = ? AND key = 'train/loss_step') AND step = ?",
      );
      db.transaction(() => {
        ids.forEach((id, trial) => {
          for (let step = 1; step <= 40; step++) {
            const time = (step - 1) * 0.2 + trial * 0.1;
            set.run(time, 10 - time - trial * 0.5, id, step);
          }
        });
      })();
      db.prepare("DELETE FROM metric_buckets WHERE series_id IN (SELECT id FROM metric_series WHERE key = 'train/loss_step' AND run_id IN (?, ?))").run(...ids);
    } finally {
      db.close();
    }
    await page.goto(new URL(`#/compare/${ids.join(',')}`, page.url()).href);
    await page.locator('[data-chart="compare"]').waitFor();
    await page.selectOption('[data-control="metric"]', 'train/loss_step');
    await page.locator('label:has-text("x-axis") select').selectOption('time');
    const grouped = page.locator('[data-control="grouped"]');
    if (!(await grouped.isChecked())) await grouped.check();
    await page.locator('[data-chart="compare"][data-lines="1"][data-bands="1"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="svg"]')]);
    const svg = readFileSync(await download.path(), 'utf8');
    const polylines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number)));
    assert.equal(polylines.length, 1, 'one mean line');
    const points = polylines[0];
    assert.ok(points.length >= 20, `${points.length} points`);
    for (let i = 1; i < points.length; i++) {
      assert.ok(points[i][0] > points[i - 1][0], `x grows at point ${i}`);
      // SVG y grows downwards: a falling mean never comes back up.
      assert.ok(points[i][1] >= points[i - 1][1] - 0.01, `the mean falls at point ${i}: ${points[i - 1][1]} → ${points[i][1]}`);
    }
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/compare-wall-time-mean.png`, fullPage: true });
  });
});
