import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSessionForSuite } from '../../support/browserApp.js';
import { setFields } from '../../support/formFields.js';

/** The run page's status badge. */
async function runStatus(page: Page): Promise<string | null> {
  return page.locator('.page-header [data-status]').getAttribute('data-status');
}

/** Waits until the run on the page has finished, whichever way, and returns its status. */
async function finishedStatus(page: Page): Promise<string | null> {
  await page.locator('.page-header [data-status]:not([data-status="running"]):not([data-status="queued"])').waitFor({ timeout: 180_000 });
  return runStatus(page);
}

async function chartPoints(page: Page, chart: string): Promise<number> {
  return Number(await page.locator(`[data-chart="${chart}"]`).getAttribute('data-points'));
}

/** The page's document, as far as the functions evaluated in the page use it (tests are type-checked without the DOM library). */
declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };

/** In the page: the run is still running and its loss chart has points, or how it finished without that being seen. */
function runningWithLossPoints(): string | false {
  const points = Number(document.querySelector('[data-chart="loss"]')?.getAttribute('data-points') ?? 0);
  const status = document.querySelector('.page-header [data-status]')?.getAttribute('data-status');
  if (points > 0 && status === 'running') return 'running-with-points';
  if (status && status !== 'running' && status !== 'queued') return `finished:${status}`;
  return false;
}

/** Opens a fresh New Run form (leaving the page first, so a form already open is not reused). */
async function openNewRunForm(page: Page): Promise<void> {
  await page.goto(new URL('#/runs', page.url()).href);
  await page.locator('h1', { hasText: 'Runs' }).waitFor();
  await page.goto(new URL('#/new', page.url()).href);
  await page.locator('#dataset-kind').waitFor();
}

describe('New Run form and live run page (browser mode)', { timeout: 600_000 }, () => {
  const session = browserSessionForSuite();

  test('an MLP run on the bundled Fashion-MNIST subset charts its loss while it runs, then completes', async () => {
    const { page } = session;
    await openNewRunForm(page);
    await setFields(page, {
      '#dataset-kind': 'fashion-mnist',
      '#run-name': 'e2e-mlp',
      '#dataset-trainLimit': '3000',
      '#dataset-testLimit': '500',
      '#model-kind': 'mlp',
      '#model-hidden': '32',
      '#optimizer-type': 'adam',
      '#optimizer-lr': '0.002',
      '#training-epochs': '5',
      '#training-batchSize': '32',
      '#training-threads': '1',
    });
    await page.click('button[type=submit]');

    await page.waitForURL(/#\/runs\/\d+$/);
    const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    await page.locator('h1', { hasText: 'e2e-mlp' }).waitFor();

    // The loss chart gains points from live events while the run is still running.
    const seenWhileRunning = await page.waitForFunction(runningWithLossPoints, undefined, { timeout: 120_000, polling: 50 });
    assert.equal(await seenWhileRunning.jsonValue(), 'running-with-points');
    const pointsWhileRunning = await chartPoints(page, 'loss');
    assert.match(await page.locator('[data-testid="run-backend"]').innerText(), / on /);
    // The form's thread count is the run's (the run page shows it beside the backend on the CPU).
    assert.equal((await session.call('getRun', { id: runId })).config.training.threads, 1);
    const backendLabel = await page.locator('[data-testid="run-backend-label"]').innerText();
    if (backendLabel.startsWith('cpu+native')) assert.match(backendLabel, /· 1 thread$/);

    assert.equal(await finishedStatus(page), 'completed');
    assert.ok((await chartPoints(page, 'loss')) > pointsWhileRunning, 'the loss chart grew after the first points');
    assert.ok((await chartPoints(page, 'accuracy')) >= 10, 'train and test accuracy of 5 epochs are charted');
    assert.match(await page.locator('[data-testid="run-progress"]').innerText(), /100%/);

    // The same points the services stored.
    const series = await session.call('getMetrics', { id: runId, keys: ['test/accuracy'] });
    assert.equal(series[0]?.points.length, 5);

    // The runs table lists it as completed, with its test accuracy.
    await page.click('nav a[href="#/runs"]');
    const row = page.locator(`tr[data-run-id="${runId}"]`);
    await row.locator('[data-status="completed"]').waitFor();
    assert.match(await row.innerText(), /e2e-mlp/);
    assert.match(await row.innerText(), /\d+\.\d%/);
  });

  test('"New run from this" fills the form with the run\'s config', async () => {
    const { page } = session;
    const source = (await session.call('listRuns', {})).find((r) => r.name === 'e2e-mlp');
    assert.ok(source, 'the MLP run of the first test exists');
    await page.goto(new URL(`#/runs/${source.id}`, page.url()).href);
    await page.getByRole('link', { name: 'New run from this' }).click();
    await page.locator('[data-testid="load-note"]').waitFor();
    assert.equal(await page.locator('#dataset-kind').inputValue(), 'fashion-mnist');
    assert.equal(await page.locator('#dataset-trainLimit').inputValue(), '3000');
    assert.equal(await page.locator('#model-hidden').inputValue(), '32');
    assert.equal(await page.locator('#optimizer-type').inputValue(), 'adam');
    assert.equal(await page.locator('#optimizer-lr').inputValue(), '0.002');
    assert.equal(await page.locator('#training-epochs').inputValue(), '5');
    assert.equal(await page.locator('#training-batchSize').inputValue(), '32');
    assert.equal(await page.locator('button[type=submit]').isDisabled(), false);
  });

  test('a layer-wise fusion plan (Adam on the hidden blocks, SGD on the output) is built in the form and trains', async () => {
    const { page } = session;
    await openNewRunForm(page);
    await page.selectOption('#dataset-kind', 'fashion-mnist');
    await page.fill('#dataset-trainLimit', '600');
    await page.fill('#dataset-testLimit', '200');
    await page.fill('#model-hidden', '32, 16');
    // The model's blocks as the services build it: 784·32+32, 32·16+16, 16·10+10 parameters.
    // Wait for the new widths' summary: the default MLP also has 3 blocks, but another parameter count.
    const blocks = page.locator('[data-testid="model-blocks"]', { hasText: '25,818 parameters' });
    await blocks.waitFor();
    assert.match(await blocks.innerText(), /3 blocks/);
    await page.check('input[name="optimizer-mode"][value="fusion"]');
    // The block picker has the model's blocks (it refits a plan that does not fit them when they arrive).
    await page.locator('[data-testid="fusion-blocks"] [data-block="2"]').waitFor();
    await page.fill('#fusion-0-lr', '0.002');
    // An empty range is refused next to it.
    await page.fill('#fusion-1-from', '3');
    const blocksMessage = page.locator('.field', { has: page.locator('#fusion-1-from') }).locator('[role="alert"]');
    await blocksMessage.waitFor();
    assert.match(await blocksMessage.innerText(), /from <= to/);
    await page.fill('#fusion-1-from', '2');
    await blocksMessage.waitFor({ state: 'detached' });
    await page.fill('#fusion-1-momentum', '0.9');
    await page.fill('#training-epochs', '1');
    await page.click('button[type=submit]');

    await page.waitForURL(/#\/runs\/\d+$/);
    assert.equal(await finishedStatus(page), 'completed');
    const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    const { config } = await session.call('getRun', { id: runId });
    assert.equal(config.optimizer.type, 'fusion');
    assert.deepEqual(
      config.optimizer.type === 'fusion' ? config.optimizer.groups.map((g) => [g.blocks, g.optimizer.type]) : [],
      [
        [[0, 1], 'adam'],
        [[2, 2], 'sgd'],
      ],
    );
  });

  test('a fusion plan the model does not fit is refused by the service and shown at its group', async () => {
    const { page } = session;
    const runsBefore = (await session.call('listRuns', {})).length;
    await openNewRunForm(page);
    await page.selectOption('#dataset-kind', 'fashion-mnist');
    await page.fill('#model-hidden', '32, 16');
    await page.locator('[data-testid="model-blocks"]', { hasText: '25,818 parameters' }).waitFor();
    await page.check('input[name="optimizer-mode"][value="fusion"]');
    // The block picker has the model's blocks (it refits a plan that does not fit them when they arrive).
    await page.locator('[data-testid="fusion-blocks"] [data-block="2"]').waitFor();
    // Valid for the schema (from <= to), but the MLP has blocks 0–2 only.
    await page.fill('#fusion-1-from', '2');
    await page.fill('#fusion-1-to', '3');
    await page.click('button[type=submit]');

    const message = page.locator('.field', { has: page.locator('#fusion-1-from') }).locator('[role="alert"]');
    await message.waitFor();
    assert.match(await message.innerText(), /past the last block/);
    assert.ok(page.url().endsWith('#/new'));
    assert.equal((await session.call('listRuns', {})).length, runsBefore);

    // The service's message goes away once the field changes.
    await page.fill('#fusion-1-to', '2');
    await message.waitFor({ state: 'detached' });
  });

  test('a negative learning rate is refused next to its field and creates no run', async () => {
    const { page } = session;
    const runsBefore = (await session.call('listRuns', {})).length;
    await openNewRunForm(page);
    await page.selectOption('#optimizer-type', 'sgd');
    await page.fill('#optimizer-lr', '-0.1');

    const lrField = page.locator('.field', { has: page.locator('#optimizer-lr') });
    const message = lrField.locator('[role="alert"]');
    await message.waitFor();
    assert.match(await message.innerText(), /learning rate/i);
    assert.equal(await page.locator('#optimizer-lr').getAttribute('aria-invalid'), 'true');

    await page.click('button[type=submit]');
    assert.ok(page.url().endsWith('#/new'), 'the form stays open');
    assert.equal(await page.locator('button[type=submit]').isDisabled(), true);
    assert.equal((await session.call('listRuns', {})).length, runsBefore);

    // Fixing the field clears the message and allows the run.
    await page.fill('#optimizer-lr', '0.1');
    await message.waitFor({ state: 'detached' });
    assert.equal(await page.locator('button[type=submit]').isDisabled(), false);
  });

  test('a surface run forces the point model and charts the distance to the minimum', async () => {
    const { page } = session;
    await openNewRunForm(page);
    await page.selectOption('#dataset-kind', 'surface');
    await page.selectOption('#dataset-surface', 'rosenbrock');
    assert.equal(await page.locator('#model-kind').isDisabled(), true);
    assert.match(await page.locator('#model-kind').innerText(), /Point/);
    // Seed 000's Fig. 4 setting (MAS, η = 1e-4); a larger η diverges on Rosenbrock from (3, 1).
    await page.selectOption('#optimizer-preset', 'seed000-rosenbrock-mas');
    assert.equal(await page.locator('#optimizer-type').inputValue(), 'mas');
    assert.equal(await page.locator('#optimizer-lr').inputValue(), '0.0001');
    await page.fill('#training-epochs', '3');
    await page.fill('#training-stepsPerEpoch', '50');
    // A λ schedule: once one of its fields is filled, the others are asked for.
    await page.fill('#optimizer-lambdaSchedule-lambdaAdamEnd', '0.2');
    await page.locator('#optimizer-lambdaSchedule-steps').locator('xpath=ancestor::*[contains(@class, "field")][1]').getByText(/expected number/).waitFor();
    await setFields(page, { '#optimizer-lambdaSchedule-lambdaSgdEnd': '0.8', '#optimizer-lambdaSchedule-steps': '100', '#optimizer-lambdaSchedule-shape': 'cosine' });
    await page.click('button[type=submit]');

    await page.waitForURL(/#\/runs\/\d+$/);
    const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    assert.equal(await finishedStatus(page), 'completed');
    const { config } = await session.call('getRun', { id: runId });
    assert.deepEqual(config.optimizer.type === 'mas' ? config.optimizer.lambdaSchedule : null, { shape: 'cosine', lambdaAdamEnd: 0.2, lambdaSgdEnd: 0.8, steps: 100 });
    await page.waitForFunction(() => Number(document.querySelector('[data-chart="distance"]')?.getAttribute('data-points')) > 0);
    assert.equal(await page.locator('[data-chart="accuracy"]').count(), 0);
  });

  test('a cosine learning-rate schedule, gradient clipping and an ε capture schedule set in the form are stored with the run and shape its steps', async () => {
    const { page } = session;
    await openNewRunForm(page);
    await setFields(page, {
      '#run-name': 'e2e-cosine',
      '#dataset-kind': 'surface',
      '#dataset-surface': 'rosenbrock',
      '#optimizer-type': 'sgd',
      '#optimizer-lr': '0.0001',
      '#lrSchedule-type': 'cosine',
      '#lrSchedule-minFactor': '0.1',
      '#training-epochs': '2',
      '#training-stepsPerEpoch': '20',
      '#training-gradClipNorm': '1',
      '#epsilonCapture-everySteps': '10',
    });
    // Fields of the other schedules are not on the form; a bad value is refused at its field.
    assert.equal(await page.locator('#lrSchedule-stepSize').count(), 0);
    await page.fill('#lrSchedule-minFactor', '2');
    await page.locator('#lrSchedule-minFactor').locator('xpath=ancestor::*[contains(@class, "field")][1]').getByText(/must be in \[0, 1\]/).waitFor();
    await page.fill('#lrSchedule-minFactor', '0.1');
    await page.click('button[type=submit]');

    await page.waitForURL(/#\/runs\/\d+$/);
    const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    assert.equal(await finishedStatus(page), 'completed');
    const run = await session.call('getRun', { id: runId });
    assert.deepEqual(run.config.lrSchedule, { type: 'cosine', minFactor: 0.1 });
    assert.equal(run.config.training.gradClipNorm, 1);
    assert.deepEqual(run.config.epsilonCapture, { enabled: true, everyEpochs: 1, epochs: [], everySteps: 10 });

    const [lr] = await session.call('getMetrics', { id: runId, keys: ['train/lr'] });
    const values = lr?.points.map((p) => p.value) ?? [];
    assert.ok(values.length >= 20, `lr logged over the run: ${values.length} points`);
    for (let i = 1; i < values.length; i++) assert.ok(values[i]! < values[i - 1]!, `lr decreases at point ${i + 1}: ${values[i - 1]} → ${values[i]}`);
    assert.ok(Math.abs(values[0]! - 1e-4) < 1e-10, `the first step takes the base lr: ${values[0]}`);
    // Annealed towards minFactor × lr = 1e-5 (the last of 40 steps: factor 0.1014).
    const last = values[values.length - 1]!;
    assert.ok(last > 1e-5 && last < 1.05e-5, `the last step's lr is near minFactor × lr: ${last}`);

    // Rosenbrock's gradient from (3, 1) has a norm near 9,700: clipped to 1, each SGD step moves the point by its lr.
    const [xs, ys] = await session.call('getMetrics', { id: runId, keys: ['surface/x', 'surface/y'] });
    const x = xs?.points.map((p) => p.value) ?? [];
    const y = ys?.points.map((p) => p.value) ?? [];
    assert.equal(x.length, values.length);
    for (let i = 1; i < x.length; i++) {
      const moved = Math.hypot(x[i]! - x[i - 1]!, y[i]! - y[i - 1]!);
      assert.ok(Math.abs(moved - values[i]!) < 1e-6, `step ${i + 1} moved ${moved}, its lr is ${values[i]}`);
    }
  });

  test('the runs table follows a run live and cancels it', async () => {
    const { page } = session;
    const created = await session.call('createRun', {
      config: {
        name: 'e2e-cancel',
        dataset: { kind: 'fashion-mnist', trainLimit: 3000, testLimit: 500 },
        model: { kind: 'mlp', hidden: [32] },
        optimizer: { type: 'sgd', lr: 0.05 },
        training: { epochs: 200, batchSize: 32 },
      },
    });
    await page.goto(new URL('#/runs', page.url()).href);
    const row = page.locator(`tr[data-run-id="${created.id}"]`);
    await row.locator('[data-status="running"]').waitFor({ timeout: 60_000 });
    // Progress and ETA come from run-updated events.
    await row.locator('.progress', { hasText: /left/ }).waitFor({ timeout: 60_000 });

    await row.getByRole('button', { name: 'Cancel' }).click();
    await row.locator('[data-status="cancelled"]').waitFor({ timeout: 60_000 });
    assert.equal(await row.getByRole('button', { name: 'Cancel' }).count(), 0);
    assert.equal((await session.call('getRun', { id: created.id })).status, 'cancelled');

    // Ticking two runs offers to compare them.
    const other = await session.call('createRun', {
      config: { dataset: { kind: 'surface', surface: 'abs-ridge' }, model: { kind: 'point' }, optimizer: { type: 'sgd' }, training: { epochs: 1, stepsPerEpoch: 10 } },
    });
    // The new run is listed first and moves the rows below it: tick once it is in place.
    const otherRow = page.locator(`tr[data-run-id="${other.id}"]`);
    await otherRow.waitFor();
    await row.getByRole('checkbox').check();
    assert.equal(await page.locator('[data-testid="compare-selected"]').count(), 0);
    await otherRow.getByRole('checkbox').check();
    assert.equal(await page.locator('[data-testid="compare-selected"]').getAttribute('href'), `#/compare/${created.id},${other.id}`);
    assert.ok(page.url().endsWith('#/runs'), 'ticking a box does not open the run');
  });
});
