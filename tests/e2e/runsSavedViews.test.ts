import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedRuns } from '../../bench/support/seedRuns.js';
import { startServer, type RunningServer } from '../../main/server/startServer.js';
import type { RunViewList } from '../../shared/runs/runView.js';
import { rendererBuild } from '../support/browserApp.js';
import { callServer } from '../support/serveProcess.js';

const runCount = 40;
const legacyKey = 'optlab.runs.views';
const emptyFilter = { status: '', dataset: '', optimizer: '', tag: '', field: '', fieldValue: '', metric: '', metricMin: '', metricMax: '', groupBy: '' };

/** What the page functions below use of the browser's globals (the tests are compiled without the DOM's types). */
interface PageGlobals {
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** A view as the app kept it in a browser's storage before views were in the database. */
const legacyView = { name: 'kept in the browser', columns: ['config.training.batchSize'], query: 'adam', filter: { ...emptyFilter, groupBy: 'optimizer.type' }, sort: { by: 'name', descending: false } };
/** An entry no view reads as (no name): it must stay in the browser's storage, not be dropped. */
const damagedEntry = { name: '', columns: [], query: '', filter: emptyFilter, sort: { by: 'createdAt', descending: true } };

describe('saved views of the runs table live in the database', { timeout: 300_000 }, () => {
  let work: string;
  let dbPath: string;
  let staticDir: string;
  let server: RunningServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  before(async () => {
    staticDir = rendererBuild();
    work = mkdtempSync(join(tmpdir(), 'optlab-e2e-views-'));
    dbPath = join(work, 'optlab.db');
    seedRuns(dbPath, { runs: runCount });
    server = await startServer({ dbPath, dataDir: join(work, 'data'), host: '127.0.0.1', port: 0, staticDir });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
    assert.deepEqual(pageErrors, [], 'the page threw');
  });

  /** The runs page in a browser context of its own (a fresh profile: its own storage). */
  async function freshRunsPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(new URL('#/runs', server.url).href);
    await page.locator(`tr[data-run-id="${runCount}"]`).waitFor();
    return page;
  }

  const viewNames = (page: Page) => page.locator('[data-control="saved-view"] option:not([disabled])').allInnerTexts();
  const customColumns = (page: Page) => page.locator('th[data-custom-column]').evaluateAll((els) => els.map((e) => e.getAttribute('data-custom-column')));

  test('views kept in a browser are moved into the database once; a damaged entry stays in the browser, said so', async () => {
    const page = await freshRunsPage();
    await page.evaluate(([key, text]) => (globalThis as unknown as PageGlobals).localStorage.setItem(key, text), [legacyKey, JSON.stringify([legacyView, damagedEntry])] as const);
    await page.reload();
    await page.locator('[data-views-imported]', { hasText: 'Moved 1 saved view(s) from this browser into the database' }).waitFor();
    assert.deepEqual(await viewNames(page), ['kept in the browser']);
    assert.match(await page.locator('[data-view-message]').innerText(), /1 view\(s\) this browser kept could not be stored \(name: a view needs a name\); they are left in its storage/);
    assert.deepEqual(JSON.parse((await page.evaluate((key) => (globalThis as unknown as PageGlobals).localStorage.getItem(key), legacyKey))!), [damagedEntry]);
    const stored = await callServer<RunViewList>(server.url, 'listRunViews', {});
    assert.deepEqual(stored.views.map((v) => ({ name: v.name, columns: v.columns, query: v.query, filter: v.filter, sort: v.sort })), [legacyView]);

    // Loaded again, the browser's storage has only the damaged entry: nothing is imported twice.
    await page.reload();
    await page.locator(`tr[data-run-id="${runCount}"]`).waitFor();
    await page.locator('[data-view-message]', { hasText: 'could not be stored' }).waitFor();
    assert.equal(await page.locator('[data-views-imported]').count(), 0);
    assert.equal((await callServer<RunViewList>(server.url, 'listRunViews', {})).views.length, 1);
    await page.context().close();
  });

  test('a view saved in one browser profile is offered in a fresh one; a taken name asks, an empty name is refused', async () => {
    const first = await freshRunsPage();
    await first.fill('[data-control="column-path"]', 'optimizer.lr');
    await first.click('[data-control="add-column"]');
    await first.locator('th[data-custom-column="config.optimizer.lr"]').waitFor();
    await first.getByLabel('Filter runs').fill('mas');
    await first.fill('[data-control="view-name"]', 'mas by lr');
    await first.click('[data-control="save-view"]');
    await first.locator('[data-view-message]', { hasText: 'Saved the view "mas by lr"' }).waitFor();

    await first.fill('[data-control="view-name"]', '   ');
    await first.click('[data-control="save-view"]');
    await first.locator('[data-view-message]', { hasText: 'Not saved: a view needs a name.' }).waitFor();

    // The same name in another case asks before replacing; "Cancel" keeps the stored view.
    await first.getByLabel('Filter runs').fill('adam');
    await first.fill('[data-control="view-name"]', 'MAS BY LR');
    await first.click('[data-control="save-view"]');
    await first.locator('[data-view-replace]', { hasText: 'A view named "mas by lr" exists already.' }).waitFor();
    if (process.env.OPTLAB_SCREENSHOTS) await first.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/runs-view-replace.png`, clip: { x: 0, y: 0, width: 1400, height: 320 } });
    await first.click('[data-control="cancel-replace-view"]');
    assert.equal(await first.locator('[data-view-replace]').count(), 0);
    const kept = (await callServer<RunViewList>(server.url, 'listRunViews', {})).views.find((v) => v.name === 'mas by lr');
    assert.equal(kept?.query, 'mas');

    // The API says the same to any caller: an empty name, an unknown field, a taken name.
    const base = { columns: [], query: '', filter: emptyFilter, sort: { by: 'createdAt', descending: true } };
    await assert.rejects(callServer(server.url, 'saveRunView', { view: { ...base, name: ' ' } }), /HTTP 400: .*a view needs a name/);
    await assert.rejects(callServer(server.url, 'saveRunView', { view: { ...base, name: 'x', colour: 'red' } }), /HTTP 400: .*colour/);
    await assert.rejects(callServer(server.url, 'saveRunView', { view: { ...base, name: 'Mas by LR' } }), /HTTP 409: A view named "mas by lr" exists already/);

    const second = await freshRunsPage();
    assert.deepEqual(await second.evaluate((key) => (globalThis as unknown as PageGlobals).localStorage.getItem(key), legacyKey), null, 'a fresh profile has nothing of its own');
    assert.deepEqual(await viewNames(second), ['kept in the browser', 'mas by lr']);
    assert.deepEqual(await customColumns(second), []);
    await second.selectOption('[data-control="saved-view"]', 'mas by lr');
    await second.locator('th[data-custom-column="config.optimizer.lr"]').waitFor();
    assert.equal(await second.getByLabel('Filter runs').inputValue(), 'mas');
    await first.context().close();
    await second.context().close();
  });

  test('after the server restarts, a fresh profile has the views; rename and delete are stored', async () => {
    await server.close();
    server = await startServer({ dbPath, dataDir: join(work, 'data'), host: '127.0.0.1', port: 0, staticDir });
    const page = await freshRunsPage();
    assert.deepEqual(await viewNames(page), ['kept in the browser', 'mas by lr']);
    await page.selectOption('[data-control="saved-view"]', 'kept in the browser');
    await page.locator('th[data-custom-column="config.training.batchSize"]').waitFor();
    assert.deepEqual(await customColumns(page), ['config.training.batchSize']);
    assert.equal(await page.getByLabel('Filter runs').inputValue(), 'adam');
    assert.equal(await page.getByLabel('Group by', { exact: true }).inputValue(), 'optimizer.type');

    // A rename to another view's name is refused with that name; to a free one it is stored.
    await page.click('[data-control="rename-view"]');
    await page.fill('[data-control="rename-view-name"]', 'Mas By Lr');
    await page.click('[data-control="rename-view-confirm"]');
    await page.locator('[data-view-message]', { hasText: 'Not renamed: A view named "mas by lr" exists already: choose another name' }).waitFor();
    await page.fill('[data-control="rename-view-name"]', 'adam by name');
    await page.click('[data-control="rename-view-confirm"]');
    await page.locator('[data-view-message]', { hasText: 'Renamed the view to "adam by name"' }).waitFor();
    await page.click('[data-control="delete-view"]');
    await page.locator('[data-view-message]', { hasText: 'Deleted the view "adam by name"' }).waitFor();
    assert.deepEqual(await viewNames(page), ['mas by lr']);
    assert.deepEqual((await callServer<RunViewList>(server.url, 'listRunViews', {})).views.map((v) => v.name), ['mas by lr']);
    await page.context().close();
  });
});
