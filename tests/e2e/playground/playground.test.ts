import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSessionForSuite } from '../../support/browserApp.js';

/** The page's document, as far as the functions evaluated in the page use it (tests are type-checked without the DOM library). */
declare const document: { querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null };

/** In the page: every path is drawn and none is being computed. */
function pathsSettled(count: number): boolean {
  const plot = document.querySelector('[data-testid="contour-plot"]');
  return Number(plot?.getAttribute('data-paths')) === count && document.querySelector('[data-testid="computing"]') === null;
}

/** In the page: the end point shown in a results row differs from `previous` and nothing is computing. */
function endPointChanged([row, previous]: [number, string]): boolean {
  const cell = document.querySelector(`[data-testid="path-results"] tbody tr:nth-child(${row}) [data-testid="final-point"]`);
  return cell !== null && cell.textContent !== previous && document.querySelector('[data-testid="computing"]') === null;
}

const cell = (page: Page, row: number, name: string) => page.locator(`[data-testid="path-results"] tbody tr:nth-child(${row}) [data-testid="${name}"]`);

async function settle(page: Page, paths = 3): Promise<void> {
  await page.waitForFunction(pathsSettled, paths, { timeout: 60_000, polling: 50 });
}

describe('Optimizer playground (browser mode)', { timeout: 240_000 }, () => {
  const session = browserSessionForSuite('#/playground');

  test("Rosenbrock with seed 000's settings: log-spaced contours, three paths, MAS ends nearest the minimum", async () => {
    const { page } = session;
    await settle(page);
    const plot = page.locator('[data-testid="contour-plot"]');
    assert.equal(await plot.getAttribute('data-surface'), 'rosenbrock');
    assert.equal(await plot.getAttribute('data-scale'), 'log');
    assert.ok(Number(await plot.getAttribute('data-levels')) >= 10);
    assert.equal(await page.locator('[data-testid="loss-chart"]').getAttribute('data-lines'), '3', 'a loss curve per path');
    assert.equal(await page.inputValue('#playground-start-x'), '3');
    assert.equal(await page.inputValue('#playground-steps'), '1000');
    const rows = await page.locator('[data-testid="path-results"] tbody tr').allInnerTexts();
    assert.match(rows[0].trim(), /^SGD/);
    assert.match(rows[1].trim(), /^Adam/);
    assert.match(rows[2].trim(), /^MAS/);
    const distances = await Promise.all([1, 2, 3].map(async (row) => Number(await cell(page, row, 'final-distance').innerText())));
    assert.ok(distances[2] < distances[0] && distances[2] < distances[1], `MAS ${distances[2]} nearer (1, 1) than SGD ${distances[0]} and Adam ${distances[1]}`);
    assert.equal(await cell(page, 3, 'final-distance').evaluate((el) => (el as unknown as { className: string }).className.includes('best')), true);
  });

  test("changing MAS's λa moves its end point; a bad value is refused in place", async () => {
    const { page } = session;
    const mas = page.locator('[data-testid="optimizer-card"]').nth(2);
    const before = await cell(page, 3, 'final-point').innerText();
    await mas.locator('input[id$="-lambdaAdam"]').fill('0.3');
    await page.waitForFunction(endPointChanged, [3, before] as [number, string], { timeout: 60_000, polling: 50 });
    assert.notEqual(await cell(page, 3, 'final-point').innerText(), before);

    await mas.locator('input[id$="-lambdaAdam"]').fill('1.5');
    await mas.getByText('Invalid λa (lambdaAdam): 1.5 (must be in [0, 1])').waitFor();
    await mas.locator('input[id$="-lambdaAdam"]').fill('0.5');
    await page.waitForFunction(endPointChanged, [3, ''] as [number, string], { timeout: 60_000, polling: 50 });
    await settle(page);
  });

  test('a click on the plot moves the start and every path starts there', async () => {
    const { page } = session;
    const before = await cell(page, 1, 'final-point').innerText();
    const box = await page.locator('[data-testid="contour-plot"]').boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4);
    const x = Number(await page.inputValue('#playground-start-x'));
    const y = Number(await page.inputValue('#playground-start-y'));
    assert.ok(Math.abs(x - 3) > 0.1 || Math.abs(y - 1) > 0.1, `start moved to (${x}, ${y})`);
    assert.ok(x > -1 && x < 3.5 && y > -1 && y < 9.5, 'inside the view');
    await page.waitForFunction(endPointChanged, [1, before] as [number, string], { timeout: 60_000, polling: 50 });
    await settle(page);
  });

  test('on |x|/10 + |y| from (3, 2) with lr 0.01 and 400 steps, Adam arrives first', async () => {
    const { page } = session;
    await page.selectOption('#playground-surface', 'abs-ridge');
    assert.equal(await page.inputValue('#playground-start-x'), '3');
    assert.equal(await page.inputValue('#playground-start-y'), '2');
    assert.equal(await page.inputValue('#playground-steps'), '400');
    await page.waitForFunction(() => document.querySelector('[data-testid="contour-plot"]')?.getAttribute('data-surface') === 'abs-ridge');
    await settle(page);
    const arrivals = await Promise.all([1, 2, 3].map(async (row) => (await cell(page, row, 'arrival-step').innerText()).trim()));
    const adam = Number(arrivals[1]);
    assert.ok(Number.isInteger(adam) && adam > 0, `Adam arrives (${arrivals[1]})`);
    for (const other of [arrivals[0], arrivals[2]]) assert.ok(other === '—' || Number(other) > adam, `Adam (${adam}) before ${other}`);
  });

  test('"Train as a run" creates the same run on the services, and it completes', async () => {
    const { page } = session;
    const shownDistance = Number(await cell(page, 2, 'final-distance').innerText());
    await page.locator('[data-testid="path-results"] tbody tr:nth-child(2) button').click();
    await page.waitForURL(/#\/runs\/\d+$/);
    const id = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);
    await page.locator('.page-header [data-status="completed"]').waitFor({ timeout: 120_000 });
    const run = await session.call('getRun', { id });
    assert.deepEqual(run.config.dataset, { kind: 'surface', surface: 'abs-ridge', start: [3, 2] });
    assert.equal(run.config.optimizer.type, 'adam');
    assert.equal(run.config.training.epochs * run.config.training.stepsPerEpoch, 400);
    // The training process takes the same steps from the same start: it ends where the playground said.
    const [distance] = await session.call('getMetrics', { id, keys: ['surface/distance_to_min'] });
    const last = distance.points[distance.points.length - 1];
    assert.ok(Math.abs(last.value - shownDistance) < 1e-3, `run ${last.value} vs playground ${shownDistance}`);
  });
});
