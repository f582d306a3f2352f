import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSessionForSuite } from '../../support/browserApp.js';
import { setFields } from '../../support/formFields.js';

/** Opens a fresh New Run form (leaving the page first, so a form already open is not reused). */
async function openNewRunForm(page: Page): Promise<void> {
  await page.goto(new URL('#/runs', page.url()).href);
  await page.locator('h1', { hasText: 'Runs' }).waitFor();
  await page.goto(new URL('#/new', page.url()).href);
  await page.locator('#dataset-kind').waitFor();
}

/** The field (label, input, messages) around an input. */
const fieldOf = (page: Page, selector: string) => page.locator(selector).locator('xpath=ancestor::*[contains(@class, "field")][1]');

describe('mixers in the New Run form (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('a mixer of SGD (momentum), Adam and RMSprop with a weight schedule, set up in the form, is stored as intended and trains', async () => {
    const { page } = session;
    await openNewRunForm(page);
    await setFields(page, {
      '#run-name': 'e2e-mixer',
      '#dataset-kind': 'fashion-mnist',
      '#dataset-trainLimit': '300',
      '#dataset-testLimit': '100',
      '#model-hidden': '16',
      '#training-epochs': '2',
      '#training-batchSize': '50',
    });
    await page.check('input[name="optimizer-mode"][value="mixer"]');
    // It starts as MAS does: SGD and Adam, 0.5 each, each with its own schema fields.
    assert.equal(await page.locator('#mixer-0-type').inputValue(), 'sgd');
    assert.equal(await page.locator('#mixer-1-type').inputValue(), 'adam');
    assert.equal(await page.locator('#mixer-0-weight').inputValue(), '0.5');
    await page.locator('#mixer-1-beta1').waitFor();
    await setFields(page, { '#mixer-0-lr': '0.05', '#mixer-0-momentum': '0.9', '#mixer-0-weight': '0.3', '#mixer-1-lr': '0.002', '#mixer-1-weight': '0.6' });
    await page.getByRole('button', { name: 'Add optimizer' }).click();
    await setFields(page, { '#mixer-2-type': 'rmsprop', '#mixer-2-weight': '0.1', '#mixer-2-lr': '0.001' });
    await page.locator('#mixer-2-alpha').waitFor();
    // A weight out of [0, 1] is refused at its field.
    await page.fill('#mixer-2-weight', '1.5');
    await fieldOf(page, '#mixer-2-weight').getByText(/must be in \[0, 1\]/).waitFor();
    await page.fill('#mixer-2-weight', '0.1');
    // The weight schedule (as MAS's λ schedule): one field filled asks for the others; the end weights need one per optimizer.
    await page.fill('#mixer-weightSchedule-steps', '12');
    await fieldOf(page, '#mixer-weightSchedule-endWeights').locator('[role="alert"]').waitFor();
    await setFields(page, { '#mixer-weightSchedule-endWeights': '0.1, 0.8', '#mixer-weightSchedule-shape': 'cosine' });
    await fieldOf(page, '#mixer-weightSchedule-endWeights').getByText(/one weight per optimizer/).waitFor();
    await page.fill('#mixer-weightSchedule-endWeights', '0.1, 0.8, 0.1');
    await fieldOf(page, '#mixer-weightSchedule-endWeights').locator('[role="alert"]').waitFor({ state: 'detached' });
    await page.click('button[type=submit]');

    await page.waitForURL(/#\/runs\/\d+$/);
    const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    await page.locator('.page-header [data-status="completed"]').waitFor({ timeout: 120_000 });
    const { config } = await session.call('getRun', { id: runId });
    assert.equal(config.optimizer.type, 'mixer');
    if (config.optimizer.type !== 'mixer') return;
    assert.deepEqual(
      config.optimizer.parts.map((p) => [p.weight, p.optimizer.type, p.optimizer.lr]),
      [
        [0.3, 'sgd', 0.05],
        [0.6, 'adam', 0.002],
        [0.1, 'rmsprop', 0.001],
      ],
    );
    assert.equal(config.optimizer.parts[0].optimizer.type === 'sgd' && config.optimizer.parts[0].optimizer.momentum, 0.9);
    assert.deepEqual(config.optimizer.weightSchedule, { shape: 'cosine', endWeights: [0.1, 0.8, 0.1], steps: 12 });
    // It trained: 12 steps, each part's learning rate charted.
    assert.equal((await session.call('getRun', { id: runId })).progress?.step, 12);
    const series = await session.call('getMetrics', { id: runId, keys: ['lr/part1', 'lr/part2', 'lr/part3', 'test/accuracy'] });
    assert.deepEqual(series.map((s) => [s.key, s.points.length]).sort(), [
      ['lr/part1', 12],
      ['lr/part2', 12],
      ['lr/part3', 12],
      ['test/accuracy', 2],
    ]);
    await page.locator('[data-chart="lr"] [data-line="lr/part3"]').waitFor();

    // "New run from this" fills the mixer back in.
    await page.getByRole('link', { name: 'New run from this' }).click();
    await page.locator('[data-testid="load-note"]').waitFor();
    assert.doesNotMatch(await page.locator('[data-testid="load-note"]').innerText(), /not editable/);
    assert.equal(await page.locator('input[name="optimizer-mode"][value="mixer"]').isChecked(), true);
    assert.equal(await page.locator('#mixer-2-type').inputValue(), 'rmsprop');
    assert.equal(await page.locator('#mixer-0-momentum').inputValue(), '0.9');
    assert.equal(await page.locator('#mixer-1-weight').inputValue(), '0.6');
    assert.equal(await page.locator('#mixer-weightSchedule-endWeights').inputValue(), '0.1, 0.8, 0.1');
    assert.equal(await page.locator('button[type=submit]').isDisabled(), false);
  });

  test('a fusion group whose optimizer is a mixer is set up in the form, stored as intended, trains and loads back', async () => {
    const { page } = session;
    await openNewRunForm(page);
    await setFields(page, { '#dataset-kind': 'fashion-mnist', '#dataset-trainLimit': '200', '#dataset-testLimit': '50', '#model-hidden': '32, 16', '#training-epochs': '1', '#training-batchSize': '50' });
    await page.locator('[data-testid="model-blocks"]', { hasText: '25,818 parameters' }).waitFor();
    await page.check('input[name="optimizer-mode"][value="fusion"]');
    await page.locator('[data-testid="fusion-blocks"] [data-block="2"]').waitFor();
    // Group 1 (blocks 0–1): a mixer of SGD and Adam, shifting to Adam over 4 steps; group 2 keeps SGD.
    await page.selectOption('#fusion-0-type', 'mixer');
    await setFields(page, {
      '#fusion-0-mixer-0-lr': '0.05',
      '#fusion-0-mixer-0-weight': '0.7',
      '#fusion-0-mixer-1-lr': '0.003',
      '#fusion-0-mixer-1-weight': '0.3',
      '#fusion-0-mixer-weightSchedule-endWeights': '0.2, 0.8',
      '#fusion-0-mixer-weightSchedule-steps': '4',
    });
    // A part's bad field is refused at its field, inside the group.
    await page.fill('#fusion-0-mixer-1-lr', '-1');
    await fieldOf(page, '#fusion-0-mixer-1-lr').locator('[role="alert"]').waitFor();
    await page.fill('#fusion-0-mixer-1-lr', '0.003');
    await fieldOf(page, '#fusion-0-mixer-1-lr').locator('[role="alert"]').waitFor({ state: 'detached' });
    await page.click('button[type=submit]');

    await page.waitForURL(/#\/runs\/\d+$/);
    const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    await page.locator('.page-header [data-status="completed"]').waitFor({ timeout: 120_000 });
    const { config } = await session.call('getRun', { id: runId });
    assert.equal(config.optimizer.type, 'fusion');
    if (config.optimizer.type !== 'fusion') return;
    const [first, second] = config.optimizer.groups;
    assert.deepEqual(first.blocks, [0, 1]);
    assert.equal(first.optimizer.type, 'mixer');
    if (first.optimizer.type !== 'mixer') return;
    assert.deepEqual(first.optimizer.parts.map((p) => [p.weight, p.optimizer.type, p.optimizer.lr]), [
      [0.7, 'sgd', 0.05],
      [0.3, 'adam', 0.003],
    ]);
    assert.deepEqual(first.optimizer.weightSchedule, { shape: 'linear', endWeights: [0.2, 0.8], steps: 4 });
    assert.deepEqual([second.blocks, second.optimizer.type], [[2, 2], 'sgd']);

    await page.getByRole('link', { name: 'New run from this' }).click();
    await page.locator('[data-testid="load-note"]').waitFor();
    assert.doesNotMatch(await page.locator('[data-testid="load-note"]').innerText(), /not editable/);
    assert.equal(await page.locator('#fusion-0-type').inputValue(), 'mixer');
    assert.equal(await page.locator('#fusion-0-mixer-1-type').inputValue(), 'adam');
    assert.equal(await page.locator('#fusion-0-mixer-0-weight').inputValue(), '0.7');
    assert.equal(await page.locator('#fusion-0-mixer-weightSchedule-endWeights').inputValue(), '0.2, 0.8');
    assert.equal(await page.locator('#fusion-1-type').inputValue(), 'sgd');
  });
});
