/**
 * UI benchmark of the runs table at 10,000 runs, in headless Chromium against the browser-mode
 * server (the built renderer in dist/renderer: `npm run build` first): first rows after navigation,
 * filter and sort (input to the new rows on screen), scrolling (screens showing rows not read yet),
 * a page of runs from the API, and the page's JS heap.
 *
 *   npm run bench -- --only uiRuns [--runs 10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../main/server/startServer.js';
import { seedRuns } from './support/seedRuns.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const runCount = option('runs', 10_000);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0)} ms`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-bench-ui-'));
const dbPath = path.join(dir, 'optlab.db');
try {
  const seedStart = performance.now();
  seedRuns(dbPath, { runs: runCount });
  console.log(`seeded ${runCount.toLocaleString('en')} runs through the store in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const server = await startServer({ dbPath, dataDir: path.join(dir, 'data'), port: 0 });
  const origin = new URL(server.url).origin;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    // A page of runs from the API (HTTP round trip included), sorted by a metric, and filtered.
    const call = async (body: object) => {
      const t0 = performance.now();
      const response = await fetch(`${origin}/api/call/queryRuns`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(body) });
      const text = await response.text();
      return { ms: performance.now() - t0, bytes: text.length };
    };
    for (const [label, body] of [
      ['newest first', { limit: 200 }],
      ['sorted by test accuracy, offset 5,000', { limit: 200, offset: 5000, sort: { by: 'testAccuracy', descending: true } }],
      ['filtered by words and optimizer', { limit: 200, filter: { text: 'seed 3', optimizer: 'mas' } }],
      ['3 custom columns, sorted by config.optimizer.lr', { limit: 200, columns: ['config.optimizer.lr', 'config.training.batchSize', 'metric:test/loss'], sort: { by: 'config.optimizer.lr', descending: true } }],
    ] as const) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 15; i++) {
        const result = await call(body);
        times.push(result.ms);
        bytes = result.bytes;
      }
      console.log(`api page of 200 (${label}): median ${ms(median(times))}, best ${ms(Math.min(...times))}, ${(bytes / 1024).toFixed(0)} KiB`);
    }

    // The app's CSP refuses string evaluation, which the measuring snippets below use.
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    page.on('pageerror', (e) => console.log('page error:', e.message));
    const started = performance.now();
    await page.goto(new URL('#/runs', server.url).href);
    await page.locator('tr[data-run-id]').first().waitFor({ timeout: 60_000 });
    console.log(`first rows: ${ms(performance.now() - started)} after navigation`);
    console.log(`rows in the DOM: ${await page.locator('tbody tr[data-run-id], tbody tr[data-pending-index]').count()} of ${runCount.toLocaleString('en')}`);

    // From the input to the frame that shows the new first row or count (polled every animation frame).
    const shown = `document.querySelector('tr[data-run-id]')?.getAttribute('data-run-id') + '|' + document.querySelector('[data-testid="runs-count"]')?.textContent`;
    const untilChanged = async (act: () => Promise<void>) => {
      const before = (await page.evaluate(shown)) as string;
      const t0 = performance.now();
      await act();
      await page.waitForFunction(`${shown} !== ${JSON.stringify(before)}`, undefined, { polling: 'raf' });
      return performance.now() - t0;
    };
    const typeInFilter = (text: string) => untilChanged(() => page.getByLabel('Filter runs').fill(text));
    const clickHeader = (label: string) => untilChanged(() => page.locator('th button.sort', { hasText: label }).first().click());

    const filterTimes: number[] = [];
    for (const text of ['mas', 'mas cnn', 'adam seed 3', 'interrupted', '']) filterTimes.push(await typeInFilter(text));
    console.log(`filter (typed text to new rows): median ${ms(median(filterTimes))}, worst ${ms(Math.max(...filterTimes))} (${filterTimes.map((t) => t.toFixed(0)).join(', ')} ms)`);
    const sortTimes: number[] = [];
    for (const label of ['Test acc.', 'Test acc.', 'Name', 'Loss', 'Optimizer', '#']) sortTimes.push(await clickHeader(label));
    console.log(`sort (header click to new rows): median ${ms(median(sortTimes))}, worst ${ms(Math.max(...sortTimes))} (${sortTimes.map((t) => t.toFixed(0)).join(', ')} ms)`);

    // Scroll a screen per 100 ms, then jump far; count frames that show rows not read yet.
    const scrollResult = (await page.evaluate(`(async () => {
      const scroller = document.querySelector('[data-runs-scroller]');
      const box = scroller.getBoundingClientRect();
      const blank = () => [...document.querySelectorAll('tr[data-pending-index]')].some((r) => { const b = r.getBoundingClientRect(); return b.bottom > box.top && b.top < box.bottom; });
      let frames = 0, blankFrames = 0;
      for (let screen = 0; screen < 40; screen++) {
        scroller.scrollBy(0, scroller.clientHeight);
        const until = performance.now() + 100;
        while (performance.now() < until) { await new Promise((r) => requestAnimationFrame(r)); frames++; if (blank()) blankFrames++; }
      }
      scroller.scrollTo(0, scroller.scrollHeight / 2);
      const t0 = performance.now();
      await new Promise((r) => requestAnimationFrame(r));
      while (blank()) await new Promise((r) => requestAnimationFrame(r));
      return { frames, blankFrames, jumpMs: performance.now() - t0 };
    })()`)) as { frames: number; blankFrames: number; jumpMs: number };
    console.log(
      `scroll: ${scrollResult.blankFrames} of ${scrollResult.frames} frames showed a row not read yet (a screen per 100 ms, 40 screens); a jump to the middle filled in ${ms(scrollResult.jumpMs)}`,
    );

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    console.log(`JS heap: ${(heap.usedSize / 2 ** 20).toFixed(1)} MiB used (${(heap.totalSize / 2 ** 20).toFixed(1)} MiB allocated)`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
