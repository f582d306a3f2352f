import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../../support/browserApp.js';
import { setFields } from '../../support/formFields.js';

describe('Fusion block picker on the New Run form (browser mode)', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test("an MLP's blocks are shown with their sizes; a split chosen by clicking trains as a fusion run that completes", async () => {
    const { page } = session;
    await page.goto(new URL('#/new', session.url).href);
    await page.locator('#dataset-kind').waitFor();
    await setFields(page, {
      '#dataset-kind': 'fashion-mnist',
      '#run-name': 'e2e-fusion-picker',
      '#dataset-trainLimit': '2000',
      '#dataset-testLimit': '500',
      '#model-kind': 'mlp',
      '#model-hidden': '32, 16',
    });
    await page.check('input[name="optimizer-mode"][value="fusion"]');

    const blocks = page.locator('[data-testid="fusion-blocks"] [data-block]');
    await page.locator('[data-testid="fusion-blocks"] [data-block="2"]').waitFor();
    assert.equal(await blocks.count(), 3);
    const first = await blocks.nth(0).innerText();
    assert.match(first, /25,120 params/, '784·32 + 32 parameters in the first block');
    assert.match(first, /\[32\]/);
    assert.match(await blocks.nth(2).innerText(), /170 params[\s\S]*\[10\]/);
    const summary = page.locator('[data-testid="fusion-summary"]');
    assert.match(await summary.innerText(), /^Adam for blocks 0–1, SGD for block 2/);

    // A typed range that overlaps shows the plan's issue, and the picker can refit the plan.
    await page.fill('#fusion-1-from', '1');
    await page.getByText('Group 2: block layer1 already has an optimizer (group 0)').waitFor();
    await page.getByRole('button', { name: 'Fit the plan to this model' }).click();
    await page.getByText('Group 2: block layer1 already has an optimizer').waitFor({ state: 'detached' });

    // Merge at the split after block 1, then split after block 0: Adam on block 0, SGD after.
    await page.click('[data-boundary="1"]');
    assert.match(await summary.innerText(), /^Adam for blocks 0–2/);
    await page.click('[data-boundary="0"]');
    assert.match(await summary.innerText(), /^Adam for block 0, SGD for blocks 1–2/);
    assert.equal(await page.locator('[data-boundary="0"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await blocks.nth(1).getAttribute('data-group'), '1');

    await setFields(page, { '#training-epochs': '2', '#training-batchSize': '64' });
    await page.click('button[type=submit]');
    await page.waitForURL(/#\/runs\/\d+$/, { timeout: 30_000 });
    const id = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    await page.locator('.page-header [data-status]:not([data-status="running"]):not([data-status="queued"])').waitFor({ timeout: 240_000 });
    const run = await session.call('getRun', { id });
    assert.equal(run.status, 'completed', run.error ?? '');
    assert.equal(run.config.optimizer.type, 'fusion');
    const groups = run.config.optimizer.type === 'fusion' ? run.config.optimizer.groups : [];
    assert.deepEqual(
      groups.map((g) => [g.blocks, g.optimizer.type]),
      [
        [[0, 0], 'adam'],
        [[1, 2], 'sgd'],
      ],
    );
  });

  test('a fusion plan that does not fit the model is refused before a run is created, naming the group', async () => {
    const before = await session.call('listRuns', {});
    await assert.rejects(
      session.call('createRun', {
        config: {
          dataset: { kind: 'fashion-mnist', trainLimit: 100, testLimit: 100 },
          model: { kind: 'mlp', hidden: [8] },
          optimizer: { type: 'fusion', groups: [{ blocks: [0, 0], optimizer: { type: 'adam' } }, { blocks: [1, 2], optimizer: { type: 'sgd' } }] },
          training: { epochs: 1 },
        },
      }),
      /optimizer\.groups\.1\.blocks.*goes past the last block \(1: output\)/,
    );
    assert.equal((await session.call('listRuns', {})).length, before.length);
  });
});
