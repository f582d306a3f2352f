import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runConfigSchema } from '../../shared/config/runConfig.js';
import { runPresets } from '../../shared/config/runPresets.js';
import { browserSessionForSuite } from '../support/browserApp.js';

const cifar = fileURLToPath(new URL('../fixtures/data/cifar-10-batches-bin', import.meta.url));

describe('seed 003’s DenseNet-121 ε study, set up from its preset in the New Run form', { timeout: 300_000 }, () => {
  // CIFAR-10 in the server's data folder (the fixture's small batches), so the form offers it.
  const session = browserSessionForSuite('#/new', { seed: (dbPath) => cpSync(cifar, path.join(path.dirname(dbPath), 'data', 'cifar-10-batches-bin'), { recursive: true }) });

  test('the preset fills every field, the lr ×0.1 step at epoch 100 included, and the run stores the preset’s config', async () => {
    const { page } = session;
    await page.locator('#run-preset').waitFor();
    await page.selectOption('#run-preset', 'seed003-densenet-121-epsilon');
    assert.equal(await page.locator('#lrSchedule-type').inputValue(), 'multistep');
    assert.equal(await page.locator('#lrSchedule-milestones').inputValue(), '100');
    assert.equal(Number(await page.locator('#lrSchedule-gamma').inputValue()), 0.1);
    assert.equal(await page.locator('#model-kind').inputValue(), 'densenet-121');
    assert.equal(Number(await page.locator('#optimizer-eps').inputValue()), 0.01);
    await page.click('button[type=submit]');
    await page.waitForURL(/#\/runs\/\d+$/);
    const id = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    await session.call('cancelRun', { id });
    const run = await session.call('getRun', { id });
    const preset = runPresets.find((p) => p.id === 'seed003-densenet-121-epsilon')!;
    assert.deepEqual(run.config, runConfigSchema.parse(preset.config), 'the form built exactly the preset’s config');
  });
});
