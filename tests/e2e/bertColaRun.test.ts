import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { confusionMatrix } from '../../shared/ml/metrics/confusionMatrix.js';
import { matthewsCorrelation } from '../../shared/ml/metrics/matthewsCorrelation.js';
import { openBrowserSession, type BrowserSession } from './renderer/support/browserSession.js';

const cola = fileURLToPath(new URL('../fixtures/data/cola', import.meta.url));

describe('seed 000’s BERT with MAS on CoLA, set up from its preset in the New Run form', { timeout: 900_000 }, () => {
  let session: BrowserSession;
  before(async () => {
    session = await openBrowserSession();
  });
  after(async () => {
    await session?.close();
  });

  test('the preset fills CoLA, BERT-base and Tab. 3’s MAS; a tiny BERT trains on the fixture with WordPiece ids and completes', async () => {
    const { page } = session;
    await page.goto(new URL('#/new', page.url()).href);
    await page.locator('#run-preset').waitFor();
    await page.selectOption('#run-preset', 'seed000-bert-cola-mas');
    // The whole set-up is filled: data, model, optimizer and training.
    assert.equal(await page.locator('#dataset-kind').inputValue(), 'cola');
    assert.equal(await page.locator('#dataset-vocabFile').inputValue(), 'bert-base-uncased/vocab.txt');
    assert.equal(await page.locator('#model-kind').inputValue(), 'bert');
    assert.equal(await page.locator('#model-hidden').inputValue(), '768');
    assert.equal(await page.locator('#model-layers').inputValue(), '12');
    assert.equal(await page.locator('#optimizer-type').inputValue(), 'mas');
    assert.equal(Number(await page.locator('#optimizer-lr').inputValue()), 0.0002);
    assert.equal(Number(await page.locator('#optimizer-momentum').inputValue()), 0.95);
    assert.equal(await page.locator('#training-epochs').inputValue(), '50');
    assert.equal(await page.locator('#training-batchSize').inputValue(), '100');
    assert.match(await page.locator('.page').innerText(), /Seed 000, Tab\. 3: BERT \(bert-base-uncased\), CoLA, MAS/);
    assert.equal(await page.locator('#initial-weights').inputValue(), 'bert-base-uncased/model.safetensors');
    assert.equal(await page.locator('#initial-weights-replace-head').isChecked(), true);
    // The user's files (here the fixture, trained from scratch), and a BERT small enough for a test.
    await page.fill('#initial-weights', '');
    await page.fill('#run-name', 'e2e-bert-cola');
    await page.fill('#dataset-path', cola);
    await page.fill('#dataset-vocabFile', `${cola}/vocab.txt`);
    await page.fill('#dataset-maxLength', '12');
    for (const [field, value] of [['hidden', '16'], ['layers', '2'], ['heads', '2'], ['intermediate', '32'], ['maxPositions', '16']]) await page.fill(`#model-${field}`, value);
    await page.fill('#optimizer-lr', '0.01');
    await page.fill('#training-epochs', '3');
    await page.fill('#training-batchSize', '16');
    // The model's blocks as fusion sees them: embeddings, one per encoder layer, pooler, classifier.
    await page.getByText('encoder1').first().waitFor();
    await page.click('button[type=submit]');
    await page.waitForURL(/#\/runs\/\d+$/);
    const id = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    const badge = page.locator('.page-header [data-status]:not([data-status="running"]):not([data-status="queued"])');
    await badge.waitFor({ timeout: 600_000 });
    const run = await session.call('getRun', { id });
    assert.equal(await badge.getAttribute('data-status'), 'completed', run.error ?? '');
    assert.deepEqual([run.config.dataset.kind, run.config.model.kind, run.config.optimizer.type], ['cola', 'bert', 'mas']);
    assert.match(await page.locator('[data-testid="final-metrics"] [data-metric="test/accuracy"]').innerText(), /test accuracy\s+\d+\.\d%/);
    const loss = (await session.call('getMetrics', { id, keys: ['train/loss'] }))[0]?.points.map((p) => p.value) ?? [];
    assert.equal(loss.length, 3);
    assert.ok(loss[2] < loss[0], `train loss ${loss.join(' → ')}`);
    const matrix = await session.call('getConfusionMatrix', { id });
    assert.deepEqual(matrix?.classNames, ['unacceptable', 'acceptable']);
    assert.equal(matrix?.matrix.flat().reduce((a, b) => a + b, 0), 6, 'both dev sets of the fixture are the test split');
    // CoLA's score, as GLUE: Matthews correlation of the last epoch's test predictions, shown with the other finals and charted.
    const truth = matrix!.matrix.flatMap((row, t) => row.flatMap((count) => Array<number>(count).fill(t)));
    const predicted = matrix!.matrix.flatMap((row) => row.flatMap((count, p) => Array<number>(count).fill(p)));
    const mcc = (await session.call('getMetrics', { id, keys: ['test/mcc'] }))[0]?.points.map((p) => p.value) ?? [];
    assert.equal(mcc.length, 3);
    assert.ok(Math.abs(mcc[2] - matthewsCorrelation(confusionMatrix(truth, predicted, 2))) < 1e-12, `test/mcc ${mcc[2]}`);
    assert.match(await page.locator('[data-testid="final-metrics"] [data-metric="test/mcc"]').innerText(), new RegExp(`^test MCC\\s+${mcc[2].toFixed(3).replace('.', '\\.')}$`));
    await page.getByText('Matthews correlation').first().waitFor();
  });
});
