import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../../support/browserApp.js';
import { completedRun } from '../../support/completedRun.js';

/** An MLP with two hidden layers has three blocks: Adam trains the hidden ones, SGD the output layer. */
const config = {
  name: 'e2e fusion plan',
  dataset: { kind: 'fashion-mnist', trainLimit: 600, testLimit: 100 },
  model: { kind: 'mlp', hidden: [16, 16], activation: 'relu' },
  optimizer: {
    type: 'fusion',
    groups: [
      { blocks: [0, 1], optimizer: { type: 'adam', lr: 0.001 } },
      { blocks: [2, 2], optimizer: { type: 'sgd', lr: 0.01 } },
    ],
  },
  training: { epochs: 2, batchSize: 60 },
};
const plan = 'Adam (lr 0.001) on blocks 0–1 · SGD (lr 0.01) on block 2';

describe('a fusion run describes its plan and draws each group’s learning rate', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('header, runs table and configuration tree show the plan; the learning-rate chart has one line per group', async () => {
    const { page } = session;
    const { id } = await session.call('createRun', { config });
    await completedRun(session, id);
    // Each group's learning rate is stored as its own series.
    const [first, second] = await session.call('getMetrics', { id, keys: ['lr/group1', 'lr/group2'] });
    assert.deepEqual([first.key, second.key], ['lr/group1', 'lr/group2']);
    assert.equal(first.points.length, 20);
    assert.ok(first.points.every((p) => p.value === 0.001));
    assert.ok(second.points.every((p) => p.value === 0.01));

    await page.goto(new URL(`#/runs/${id}`, page.url()).href);
    await page.locator('.facts').getByText(plan).waitFor();
    const lr = page.locator('[data-chart="lr"][data-line-ends]');
    await lr.waitFor();
    const ends = JSON.parse((await lr.getAttribute('data-line-ends'))!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(ends), ['lr/group1', 'lr/group2'], 'one line per group, not the first group’s rate alone');
    assert.deepEqual(JSON.parse((await lr.getAttribute('data-line-labels'))!), ['group 1: Adam (lr 0.001) on blocks 0–1', 'group 2: SGD (lr 0.01) on block 2']);

    await page.click('.config summary');
    const tree = page.locator('[data-testid="config-tree"]');
    assert.ok(!(await tree.innerText()).includes('[object Object]'));
    assert.equal(await tree.locator('tr[data-path="optimizer.groups.1.optimizer.type"] td').innerText(), 'sgd');
    assert.equal(await tree.locator('tr[data-path="optimizer.groups.0.blocks"] td').innerText(), '[0, 1]');
    assert.equal(await tree.locator('tr[data-path="training.stepsPerEpoch"] td').innerText(), '10 (from the data and batch size)');
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/fusion-run.png`, fullPage: true });

    await page.goto(new URL('#/runs', page.url()).href);
    await page.locator('table').getByText(plan).waitFor();
  });
});
