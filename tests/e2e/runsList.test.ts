import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedRuns } from '../../bench/support/seedRuns.js';
import type { RunQueryFilter } from '../../shared/runs/runQuery.js';
import { browserSessionForSuite } from '../support/browserApp.js';

interface PageRect {
  top: number;
  bottom: number;
}
/** The page's document, as far as the functions evaluated in the page use it (tests are type-checked without the DOM library). */
declare const document: {
  querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null; getBoundingClientRect(): PageRect } | null;
  querySelectorAll(selector: string): Iterable<{ getBoundingClientRect(): PageRect }>;
};

/** More runs than several pages of the table (200 rows each), seeded straight through the store. */
const runCount = 1250;

describe('the runs table over many runs (paged, filtered and sorted in SQL; virtualised)', () => {
  const session = browserSessionForSuite('#/runs', { seed: (dbPath) => seedRuns(dbPath, { runs: runCount }) });

  const firstRowIds = async (n: number) => {
    const ids = await session.page.locator('tr[data-run-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-run-id'))));
    return ids.slice(0, n);
  };
  const idsFromApi = async (filter: RunQueryFilter, sort = { by: 'id', descending: true }, limit = 5) =>
    (await session.call('queryRuns', { filter, sort, limit })).rows.map((r) => r.id);
  const countText = () => session.page.locator('[data-testid="runs-count"]').innerText();

  test('shows the newest runs first with only the rows in view in the page, and scrolls to the oldest without blank rows', async () => {
    const { page } = session;
    await page.locator(`tr[data-run-id="${runCount}"]`).waitFor();
    assert.equal(await countText(), `${runCount} of ${runCount}`);
    const rendered = await page.locator('tbody tr[data-run-id], tbody tr[data-pending-index]').count();
    assert.ok(rendered > 10 && rendered < 100, `${rendered} rows in the DOM`);

    // Scroll down a screen at a time, as a reader would; each screen's rows are all there.
    const scroller = page.locator('[data-runs-scroller]');
    const height = await scroller.evaluate((el) => (el as unknown as { clientHeight: number }).clientHeight);
    let blankScreens = 0;
    for (let screen = 0; screen < 12; screen++) {
      await scroller.evaluate((el, dy) => (el as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, dy), height);
      await page.waitForTimeout(120);
      blankScreens += await page.evaluate(() => {
        const box = document.querySelector('[data-runs-scroller]')!.getBoundingClientRect();
        return [...document.querySelectorAll('tr[data-pending-index]')].some((r) => {
          const rect = r.getBoundingClientRect();
          return rect.bottom > box.top && rect.top < box.bottom;
        })
          ? 1
          : 0;
      });
    }
    assert.equal(blankScreens, 0, 'screens showing rows not read yet');

    // The end of the list: the oldest run, in a page read on the way.
    await scroller.evaluate((el) => (el as unknown as { scrollTo(x: number, y: number): void; scrollHeight: number }).scrollTo(0, (el as unknown as { scrollHeight: number }).scrollHeight));
    await page.locator('tr[data-run-id="1"]').waitFor();
    assert.equal(await page.locator('tr[data-pending-index]').count(), 0);
    await scroller.evaluate((el) => (el as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.locator(`tr[data-run-id="${runCount}"]`).waitFor();
  });

  test('the search box and the menus filter in SQL, and a column header sorts in SQL', async () => {
    const { page } = session;
    await page.getByLabel('Filter runs').fill('mas seed 3');
    const filter = { text: 'mas seed 3' };
    const total = (await session.call('queryRuns', { filter, limit: 1 })).total;
    assert.ok(total > 0 && total < runCount);
    await page.waitForFunction((expected) => document.querySelector('[data-testid="runs-count"]')?.textContent === expected, `${total} of ${runCount}`);
    assert.deepEqual(await firstRowIds(5), await idsFromApi(filter));

    await page.getByLabel('Filter runs').fill('');
    await page.getByLabel('Optimizer').selectOption('adam');
    await page.getByRole('button', { name: /^Test acc\./ }).click(); // descending first
    await page.getByRole('button', { name: /^Test acc\./ }).click(); // then ascending
    const sort = { by: 'testAccuracy', descending: false };
    const expected = await idsFromApi({ optimizer: 'adam' }, sort);
    await page.waitForFunction((id) => document.querySelector('tr[data-run-id]')?.getAttribute('data-run-id') === String(id), expected[0]);
    assert.deepEqual(await firstRowIds(5), expected);
    await page.getByLabel('Optimizer').selectOption('');
    await page.getByRole('button', { name: /^#/ }).click();
  });

  test('"select all matching" tags and deletes every matching run, not only the rows read', async () => {
    const { page } = session;
    await page.getByLabel('Status').selectOption('completed');
    const baseline = (await session.call('getRunFacets', { filter: { statuses: ['completed'] } })).total;
    assert.ok(baseline > 200, `${baseline} completed runs span more than one page of 200 rows`);
    await page.waitForFunction((expected) => document.querySelector('[data-testid="runs-count"]')?.textContent === expected, `${baseline} of ${runCount}`);
    await page.click('[data-action="select-all-matching"]');
    assert.match(await page.locator('[data-testid="selection-count"]').innerText(), new RegExp(`^${baseline} selected`));
    await page.getByLabel('Tag to add').fill('picked');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('button', { name: 'picked ×' }).waitFor();
    assert.equal((await session.call('getRunFacets', { filter: { tag: 'picked' } })).total, baseline);
    assert.deepEqual(await session.call('listRunIds', { filter: { tag: 'picked' } }), await session.call('listRunIds', { filter: { statuses: ['completed'] } }));

    // Deleting "all matching" of a narrower filter removes exactly those runs.
    await page.getByLabel('Optimizer').selectOption('sgd');
    const doomed = await session.call('listRunIds', { filter: { statuses: ['completed'], optimizer: 'sgd' } });
    await page.waitForFunction((expected) => document.querySelector('[data-testid="runs-count"]')?.textContent === expected, `${doomed.length} of ${runCount}`);
    await page.click('[data-action="select-all-matching"]');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-action="delete"]');
    await page.waitForFunction((expected) => document.querySelector('[data-testid="runs-count"]')?.textContent === expected, `0 of ${runCount - doomed.length}`);
    assert.equal((await session.call('getRunFacets', {})).total, runCount - doomed.length);
    assert.deepEqual(await session.call('getRuns', { ids: doomed }), []);
  });
});
