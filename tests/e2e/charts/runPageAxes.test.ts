import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { XAxis } from '../../../shared/charts/xAxis.js';
import { browserSessionForSuite } from '../../support/browserApp.js';
import { completedRun } from '../../support/completedRun.js';

/** 1,200 images in batches of 60: 20 steps per epoch, 3 epochs, a couple of seconds of training. */
const config = {
  name: 'e2e axes',
  dataset: { kind: 'fashion-mnist', trainLimit: 1200, testLimit: 200 },
  model: { kind: 'mlp', hidden: [16], activation: 'relu' },
  optimizer: { type: 'sgd', lr: 0.05 },
  training: { epochs: 3, batchSize: 60 },
};

interface DrawnAxis {
  ticks: number[];
  range: [number, number];
  ends: Record<string, [number, number] | null>;
}

async function showAxis(page: Page, axis: XAxis): Promise<DrawnAxis> {
  await page.selectOption('[data-testid="x-axis"]', axis);
  const figure = page.locator(`[data-chart="loss"][data-x-axis="${axis}"]`);
  await figure.waitFor();
  const read = async (name: string) => (await figure.getAttribute(name)) ?? '';
  return {
    ticks: (await read('data-x-ticks')).split(',').map(Number),
    range: (await read('data-x-range')).split(',').map(Number) as [number, number],
    ends: JSON.parse(await read('data-line-ends')) as DrawnAxis['ends'],
  };
}

describe('the run page draws every x-axis as its label says', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('wall time is in the run’s seconds, epochs are fractional for step metrics, and any order of switches keeps the points in place', async () => {
    const { page } = session;
    const created = await session.call('createRun', { config });
    await completedRun(session, created.id);
    const [steps] = await session.call('getMetrics', { id: created.id, keys: ['train/loss_step'] });
    const [epochs] = await session.call('getMetrics', { id: created.id, keys: ['train/loss'] });
    const first = steps.points[0];
    const last = steps.points.at(-1)!;
    assert.equal(last.step, 60);
    const seconds = last.time;
    assert.ok(seconds < 60, `the run took ${seconds} s, far fewer than its 60 steps`);

    await page.goto(new URL(`#/runs/${created.id}`, page.url()).href);
    await page.locator('[data-chart="loss"][data-x-ticks]').waitFor();

    const expected: Record<XAxis, { loss: [number, number]; step: [number, number]; max: number }> = {
      step: { step: [first.step, 60], loss: [20, 60], max: 60 },
      epoch: { step: [first.step / 20, 3], loss: [1, 3], max: 3 },
      time: { step: [first.time, seconds], loss: [epochs.points[0].time, epochs.points.at(-1)!.time], max: seconds },
    };
    for (const axis of ['step', 'time', 'epoch', 'time', 'step', 'epoch', 'step'] as XAxis[]) {
      const drawn = await showAxis(page, axis);
      const want = expected[axis];
      assert.ok(Math.abs(drawn.range[1] - want.max) <= want.max * 0.02, `${axis}: the axis ends at ${drawn.range[1]}, the points at ${want.max}`);
      const lastTick = drawn.ticks.at(-1)!;
      assert.ok(lastTick <= want.max * 1.001 && lastTick >= want.max * 0.5, `${axis}: last tick ${lastTick} lies within 0…${want.max}`);
      assert.equal(new Set(drawn.ticks).size, drawn.ticks.length, `${axis}: no tick twice`);
      for (const [key, ends] of [['train/loss_step', want.step], ['train/loss', want.loss]] as const) {
        const got = drawn.ends[key];
        assert.ok(got, `${axis}: ${key} is drawn`);
        assert.ok(Math.abs(got[0] - ends[0]) < 1e-9 && Math.abs(got[1] - ends[1]) < 1e-9, `${axis}: ${key} spans ${got.join('…')}, expected ${ends.join('…')}`);
      }
    }
    if (process.env.OPTLAB_SCREENSHOTS) {
      await showAxis(page, 'time');
      await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/run-page-wall-time.png`, fullPage: true });
    }
  });
});
