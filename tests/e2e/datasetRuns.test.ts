import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowserSession, type BrowserSession } from './renderer/support/browserSession.js';

const imageFolder = fileURLToPath(new URL('../fixtures/data/image-folder', import.meta.url));

async function openNewRunForm(page: Page): Promise<void> {
  await page.goto(new URL('#/runs', page.url()).href);
  await page.locator('h1', { hasText: 'Runs' }).waitFor();
  await page.goto(new URL('#/new', page.url()).href);
  await page.locator('#dataset-kind').waitFor();
}

/** Submits the form, waits for the run page and for the run to finish; returns its id and status. */
async function submitAndFinish(page: Page): Promise<{ id: number; status: string | null }> {
  await page.click('button[type=submit]');
  await page.waitForURL(/#\/runs\/\d+$/);
  const id = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
  const badge = page.locator('.page-header [data-status]:not([data-status="running"]):not([data-status="queued"])');
  await badge.waitFor({ timeout: 300_000 });
  return { id, status: await badge.getAttribute('data-status') };
}

describe('runs on an image folder and on the bundled text, set up in the New Run form', { timeout: 900_000 }, () => {
  let session: BrowserSession;
  before(async () => {
    session = await openBrowserSession();
  });
  after(async () => {
    await session?.close();
  });

  test('an MLP on the fixture image folder completes and shows its test accuracy and macro-F1', async () => {
    const { page } = session;
    await openNewRunForm(page);
    await page.fill('#run-name', 'e2e-image-folder');
    await page.selectOption('#dataset-kind', 'image-folder');
    await page.fill('#dataset-path', imageFolder);
    await page.fill('#dataset-imageSize', '16, 16');
    await page.selectOption('#model-kind', 'mlp');
    await page.fill('#model-hidden', '16');
    await page.fill('#training-epochs', '3');
    await page.fill('#training-batchSize', '4');
    const { id, status } = await submitAndFinish(page);
    assert.equal(status, 'completed', (await session.call('getRun', { id })).error ?? '');
    const finals = page.locator('[data-testid="final-metrics"]');
    assert.match(await finals.locator('[data-metric="test/accuracy"]').innerText(), /test accuracy\s+\d+\.\d%/);
    assert.match(await finals.locator('[data-metric="test/macro_f1"]').innerText(), /test macro-F1\s+[01]\.\d{3}/);
    const run = await session.call('getRun', { id });
    assert.equal(run.config.dataset.kind, 'image-folder');
    const series = await session.call('getMetrics', { id, keys: ['test/macro_f1'] });
    assert.equal(series[0]?.points.length, 3);
    // The last epoch's confusion matrix, from the training process, stored with the run and drawn.
    const stored = await session.call('getConfusionMatrix', { id });
    assert.ok(stored, 'a confusion matrix was stored');
    assert.equal(stored.epoch, 3);
    assert.deepEqual(stored.classNames, ['circle', 'square']);
    const testCount = stored.matrix.flat().reduce((a, b) => a + b, 0);
    assert.ok(testCount > 0);
    const matrix = page.locator('[data-testid="confusion-matrix"]');
    await matrix.waitFor();
    assert.match(await matrix.innerText(), new RegExp(`epoch 3: \\d+ of ${testCount} right`));
    assert.equal(await matrix.locator('td[data-cell="1,0"]').innerText(), String(stored.matrix[1][0]));
    assert.deepEqual(await matrix.locator('th.row').allInnerTexts(), ['circle', 'square']);
  });

  test('an LSTM language model on the bundled public-domain text (picked without typing a path) completes with its perplexity', async () => {
    const { page } = session;
    await openNewRunForm(page);
    await page.fill('#run-name', 'e2e-text-lm');
    await page.selectOption('#dataset-kind', 'text-lm');
    await page.getByRole('button', { name: /Bundled: US founding texts/ }).click();
    assert.match(await page.locator('#dataset-path').inputValue(), /data\/text\/us-founding-texts\.txt$/);
    assert.equal(await page.locator('#dataset-level').inputValue(), 'char');
    await page.selectOption('#model-kind', 'lstm');
    await page.locator('#model-layers').selectOption('1');
    await page.fill('#model-embeddingDim', '8');
    await page.fill('#model-hidden', '16');
    await page.fill('#training-epochs', '2');
    await page.fill('#training-batchSize', '8');
    const { id, status } = await submitAndFinish(page);
    assert.equal(status, 'completed', (await session.call('getRun', { id })).error ?? '');
    const perplexity = page.locator('[data-testid="final-metrics"] [data-metric="test/perplexity"]');
    const shown = Number(/test perplexity\s+([\d.]+)/.exec(await perplexity.innerText())?.[1]);
    // A character model over a 50-symbol vocabulary: above 1, and below guessing uniformly after training.
    assert.ok(shown > 1 && shown < 50, `perplexity ${shown}`);
    const run = await session.call('getRun', { id });
    assert.deepEqual([run.config.dataset.kind, run.config.model.kind], ['text-lm', 'lstm']);
    // A language model has no confusion matrix.
    assert.equal(await session.call('getConfusionMatrix', { id }), null);
    assert.equal(await page.locator('[data-testid="confusion-matrix"]').count(), 0);
  });
});
