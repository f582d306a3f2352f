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

describe('validation split in the New Run form (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('a validation split set in the form is stored, logs val/* each epoch, and is charted on the run page and offered on Compare', async () => {
    const { page } = session;
    await openNewRunForm(page);
    // Not offered for a surface (no examples to hold out).
    await page.selectOption('#dataset-kind', 'surface');
    assert.equal(await page.locator('#training-validation-holdOut').count(), 0);
    await setFields(page, {
      '#dataset-kind': 'fashion-mnist',
      '#run-name': 'e2e-validation',
      '#dataset-trainLimit': '600',
      '#dataset-testLimit': '100',
      '#model-hidden': '16',
      '#training-epochs': '2',
      '#training-batchSize': '64',
    });
    const field = page.locator('.field', { has: page.locator('#training-validation-holdOut') });
    assert.equal(await page.locator('#training-validation-holdOut').getAttribute('placeholder'), 'not set');
    // The ε capture's extra epochs say their default (they read "default " once).
    assert.equal(await page.locator('#epsilonCapture-epochs').getAttribute('placeholder'), 'default: none');
    assert.match(await field.innerText(), /Validation split/);
    // A split seed alone asks for the count; zero is refused at the field.
    await page.fill('#training-validation-seed', '5');
    await field.locator('[role="alert"]').waitFor();
    await page.fill('#training-validation-holdOut', '0');
    await field.getByText(/hold out at least 1 example/).waitFor();
    // As many as the 600 training examples kept (the train limit) is refused before the run starts.
    await page.fill('#training-validation-holdOut', '600');
    await field.getByText(/600 examples held out of a training set of 600/).waitFor();
    await page.fill('#dataset-trainLimit', '700');
    await field.locator('[role="alert"]').waitFor({ state: 'detached' });
    await page.fill('#dataset-trainLimit', '600');
    await field.getByText(/held out of a training set of 600/).waitFor();
    await page.fill('#training-validation-holdOut', '100');
    await field.locator('[role="alert"]').waitFor({ state: 'detached' });
    await page.click('button[type=submit]');

    await page.waitForURL(/#\/runs\/\d+$/);
    const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    await page.locator('.page-header [data-status="completed"]').waitFor({ timeout: 120_000 });
    const run = await session.call('getRun', { id: runId });
    assert.deepEqual(run.config.training.validation, { holdOut: 100, seed: 5 });
    // 500 examples trained on: ceil(500 / 64) = 8 steps per epoch.
    assert.equal(run.progress?.totalSteps, 16);
    const series = await session.call('getMetrics', { id: runId, keys: ['val/loss', 'val/accuracy', 'val/macro_f1'] });
    assert.deepEqual(series.map((s) => [s.key, s.points.map((p) => p.epoch)]).sort(), [
      ['val/accuracy', [1, 2]],
      ['val/loss', [1, 2]],
      ['val/macro_f1', [1, 2]],
    ]);
    // Charted beside train and test.
    await page.locator('[data-chart="accuracy"] [data-line="val/accuracy"]').waitFor();
    await page.locator('[data-chart="loss"] [data-line="val/loss"]').waitFor();
    assert.match(await page.locator('[data-chart="accuracy"]').innerText(), /validation accuracy/);

    // "New run from this" fills the split back in.
    await page.getByRole('link', { name: 'New run from this' }).click();
    await page.locator('[data-testid="load-note"]').waitFor();
    assert.equal(await page.locator('#training-validation-holdOut').inputValue(), '100');
    assert.equal(await page.locator('#training-validation-seed').inputValue(), '5');

    // Compare offers the val/* series as metrics.
    await page.goto(new URL(`#/compare/${runId}`, page.url()).href);
    const metric = page.locator('select[data-control="metric"]');
    await metric.locator('option[value="val/accuracy"]').waitFor({ state: 'attached' });
    await metric.selectOption('val/accuracy');
  });
});
