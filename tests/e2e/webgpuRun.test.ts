import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../support/browserApp.js';
import { setFields } from '../support/formFields.js';

describe('a run sent to the GPU from the New Run form (browser mode)', { timeout: 600_000 }, () => {
  const session = browserSessionForSuite();

  test('Device webgpu: the run page and the runs table show the backend and the adapter; the status line names the GPU found', async () => {
    const { page } = session;
    await page.goto(new URL('#/new', page.url()).href);
    await page.locator('#dataset-kind').waitFor();
    await setFields(page, {
      '#dataset-kind': 'fashion-mnist',
      '#run-name': 'e2e-webgpu',
      '#dataset-trainLimit': '256',
      '#dataset-testLimit': '64',
      '#model-kind': 'mlp',
      '#model-hidden': '16',
      '#optimizer-type': 'adam',
      '#training-epochs': '1',
      '#training-batchSize': '64',
      '#training-device': 'webgpu',
    });
    await page.click('button[type=submit]');
    await page.waitForURL(/#\/runs\/\d+$/);
    const id = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    const badge = page.locator('.page-header [data-status]:not([data-status="running"]):not([data-status="queued"])');
    await badge.waitFor({ timeout: 300_000 });
    assert.equal(await badge.getAttribute('data-status'), 'completed');

    const stored = await session.call('getRun', { id });
    assert.equal(stored.config.training.device, 'webgpu');
    const adapter = stored.backend?.adapter;
    assert.equal(stored.backend?.backend, 'webgpu', stored.backend?.fallbackReason);
    assert.ok(adapter);
    const expected = `webgpu · ${adapter.description.split(':')[0].trim()}${adapter.software ? ' (software)' : ''}`;
    assert.equal(await page.locator('[data-testid="run-backend-label"]').innerText(), expected);
    await page.locator('[data-testid="run-backend"] details summary').click();
    const facts = await page.locator('[data-testid="run-adapter"]').innerText();
    assert.match(facts, /maxStorageBufferBindingSize/);
    assert.match(facts, new RegExp(`Software\\s+${adapter.software ? 'yes' : 'no'}`));

    const gpu = await page.locator('[data-testid="gpu-finding"]').innerText();
    assert.match(gpu, new RegExp(`^GPU: ${adapter.description.split(':')[0].trim()}`));

    await page.goto(new URL('#/runs', page.url()).href);
    const row = page.locator(`tr[data-run-id="${id}"]`);
    await row.waitFor();
    assert.equal((await row.locator('[data-testid="run-row-backend"]').innerText()).trim(), expected);
  });
});
