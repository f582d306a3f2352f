import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedRuns } from '../../bench/support/seedRuns.js';
import { browserSessionForSuite } from '../support/browserApp.js';

/** More runs than three pages of the table, seeded straight through the store. */
const runCount = 650;

describe('custom columns and saved views of the runs table', () => {
  const session = browserSessionForSuite('#/runs', { seed: (dbPath) => seedRuns(dbPath, { runs: runCount }) });

  test('a config field and a latest metric become columns that sort in SQL; a view saves columns, filter and sort', { timeout: 180_000 }, async () => {
    const { page, call } = session;
    await page.locator(`tr[data-run-id="${runCount}"]`).waitFor();

    await page.fill('[data-control="column-path"]', 'optimizer.lr');
    await page.click('[data-control="add-column"]');
    await page.selectOption('[data-control="column-kind"]', 'metric');
    await page.fill('[data-control="column-path"]', 'test/loss');
    await page.click('[data-control="add-column"]');
    await page.locator('th[data-custom-column="metric:test/loss"]').waitFor();
    const expected = await call('queryRuns', { limit: 1, columns: ['config.optimizer.lr', 'metric:test/loss'] });
    const cell = (id: number, key: string) => page.locator(`tr[data-run-id="${id}"] td[data-custom-cell="${key}"]`).innerText();
    await page.locator(`tr[data-run-id="${runCount}"] td[data-custom-cell="metric:test/loss"]`).waitFor();
    assert.equal(Number(await cell(runCount, 'config.optimizer.lr')), expected.rows[0].extra!['config.optimizer.lr']);
    assert.ok(Math.abs(Number(await cell(runCount, 'metric:test/loss')) - (expected.rows[0].extra!['metric:test/loss'] as number)) < 1e-3);

    // Sorted by the learning rate (the largest first after a second click), as the database orders it.
    await page.click('th[data-custom-column="config.optimizer.lr"] button.sort');
    await page.click('th[data-custom-column="config.optimizer.lr"] button.sort');
    await page.locator('th[data-custom-column="config.optimizer.lr"][aria-sort="descending"]').waitFor();
    const byLr = await call('queryRuns', { limit: 3, sort: { by: 'config.optimizer.lr', descending: true } });
    await page.locator(`tbody tr[data-index="0"][data-run-id="${byLr.rows[0].id}"]`).waitFor();

    // A filter, then the view saved; the table changed; the view brings it all back.
    await page.getByLabel('Filter runs').fill('mas');
    const filtered = await call('queryRuns', { limit: 1, filter: { text: 'mas' }, sort: { by: 'config.optimizer.lr', descending: true } });
    await page.locator(`tbody tr[data-index="0"][data-run-id="${filtered.rows[0].id}"]`).waitFor();
    await page.fill('[data-control="view-name"]', 'mas by lr');
    await page.click('[data-control="save-view"]');
    await page.locator('[data-view-message]', { hasText: 'Saved the view "mas by lr"' }).waitFor();
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/runs-columns.png` });

    await page.reload();
    await page.locator(`tr[data-run-id="${runCount}"]`).waitFor();
    assert.equal(await page.locator('th[data-custom-column]').count(), 0, 'a fresh page has the default columns');
    await page.selectOption('[data-control="saved-view"]', 'mas by lr');
    await page.locator(`tbody tr[data-index="0"][data-run-id="${filtered.rows[0].id}"]`).waitFor();
    assert.deepEqual(await page.locator('th[data-custom-column]').evaluateAll((els) => els.map((e) => e.getAttribute('data-custom-column'))), ['config.optimizer.lr', 'metric:test/loss']);
    assert.equal(await page.getByLabel('Filter runs').inputValue(), 'mas');
    assert.equal(await page.locator('[data-testid="runs-count"]').innerText(), `${filtered.total} of ${runCount}`);

    // A column that is no dotted path is refused with what is expected.
    await page.selectOption('[data-control="column-kind"]', 'config');
    await page.fill('[data-control="column-path"]', 'optimizer..lr');
    await page.click('[data-control="add-column"]');
    assert.match(await page.locator('[data-column-error]').innerText(), /dotted path/);
    assert.equal(await page.locator('th[data-custom-column]').count(), 2);
  });
});
