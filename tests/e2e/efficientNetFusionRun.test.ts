import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { writeTinyImagenetFixture } from '../support/tinyImagenetFixture.js';
import { openBrowserSession, type BrowserSession } from './renderer/support/browserSession.js';

const weightsFixture = fileURLToPath(new URL('../fixtures/weights/efficientnet-v2-small.safetensors', import.meta.url));

describe('seed 002’s EfficientNetV2-S fusion, set up from its preset in the New Run form and trained on cpu + native', { timeout: 900_000 }, () => {
  let session: BrowserSession;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-effnet-e2e-'));
    session = await openBrowserSession();
  });
  after(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the preset fills Tiny ImageNet, EfficientNetV2-S, Adam on blocks 0–6 and SGD on block 7 and the weights field; a small one trains from PyTorch weights and records their SHA-256', async () => {
    const { dir: data } = writeTinyImagenetFixture(dir, { classes: 3, trainPerClass: 4, valPerClass: 2, size: 16 });
    const weights = path.join(dir, 'effnet-small.safetensors');
    copyFileSync(weightsFixture, weights);
    const { page } = session;
    await page.goto(new URL('#/new', page.url()).href);
    await page.locator('#run-preset').waitFor();
    await page.selectOption('#run-preset', 'seed002-efficientnet-v2-s-fusion');
    assert.equal(await page.locator('#dataset-kind').inputValue(), 'tiny-imagenet');
    assert.equal(await page.locator('#dataset-imageSize').inputValue(), '224, 224');
    assert.equal(await page.locator('#dataset-normalization').inputValue(), 'imagenet');
    assert.equal(await page.locator('#model-kind').inputValue(), 'efficientnet-v2-s');
    assert.equal(await page.locator('#initial-weights').inputValue(), 'efficientnet_v2_s.safetensors');
    assert.equal(await page.locator('#initial-weights-replace-head').isChecked(), true);
    const summary = page.locator('[data-testid="fusion-summary"]');
    await summary.waitFor();
    assert.match(await summary.innerText(), /^Adam for blocks 0–6, SGD for block 7/);
    // Seed 002's eight blocks, as the fusion picker shows them.
    await page.locator('[data-testid="fusion-blocks"] [data-block="7"]').waitFor();
    assert.equal(await page.locator('[data-testid="fusion-blocks"] [data-block]').count(), 8);

    // The user's files (here the fixtures) and a model and images small enough for a test.
    await page.fill('#run-name', 'e2e-effnet-fusion');
    await page.fill('#dataset-path', data);
    await page.fill('#dataset-imageSize', '32, 32');
    await page.fill('#model-width', '0.125');
    await page.fill('#model-depth', '0.2');
    await page.fill('#initial-weights', weights);
    await page.uncheck('#initial-weights-replace-head');
    await page.fill('#training-epochs', '2');
    await page.fill('#training-batchSize', '4');
    await page.selectOption('#training-device', 'cpu-native');
    await page.click('button[type=submit]');
    await page.waitForURL(/#\/runs\/\d+$/);
    const id = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    const badge = page.locator('.page-header [data-status]:not([data-status="running"]):not([data-status="queued"])');
    await badge.waitFor({ timeout: 600_000 });
    const run = await session.call('getRun', { id });
    assert.equal(await badge.getAttribute('data-status'), 'completed', run.error ?? '');
    assert.equal(run.backend?.backend, 'cpu+native');
    const groups = run.config.optimizer.type === 'fusion' ? run.config.optimizer.groups : [];
    assert.deepEqual(
      groups.map((g) => [g.blocks, g.optimizer.type]),
      [
        [[0, 6], 'adam'],
        [[7, 7], 'sgd'],
      ],
    );
    assert.deepEqual(run.config.initialWeights, { path: weights, replaceHead: false });
    const sha256 = createHash('sha256').update(readFileSync(weights)).digest('hex');
    const shown = page.locator('[data-testid="initial-weights"]');
    await shown.waitFor();
    assert.match(await shown.innerText(), new RegExp(`Started from ${weights.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d+ tensors\\), SHA-256 ${sha256}`));
    assert.match(await page.locator('[data-testid="final-metrics"] [data-metric="test/accuracy"]').innerText(), /test accuracy\s+\d+\.\d%/);
  });
});
