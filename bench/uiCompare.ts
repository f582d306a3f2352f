/**
 * UI benchmark of Compare with 100 runs × 10,000 points each, in headless Chromium against the
 * browser-mode server (the built renderer in dist/renderer: `npm run build` first): time from
 * navigation to the chart drawn with every series (read in one batched call at one min/max pair per
 * pixel column, packed), to the chart of one line per run, and per hover move.
 *
 *   npm run bench -- --only uiCompare [--runs 100] [--points 10000]
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

const runCount = option('runs', 100);
const pointsPerRun = option('points', 10_000);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0)} ms`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'optlab-bench-compare-'));
const dbPath = path.join(dir, 'optlab.db');
try {
  const ids = seedRuns(dbPath, { runs: runCount, longRuns: runCount, longPoints: pointsPerRun, epochMetrics: false });
  const server = await startServer({ dbPath, dataDir: path.join(dir, 'data'), port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    // The app's CSP refuses string evaluation, which the measuring snippets below use.
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    page.on('pageerror', (e) => console.log('page error:', e.message));
    const drawn = (lines: number) =>
      page.waitForFunction(
        `(() => { const c = document.querySelector('[data-chart="compare"]'); return c && Number(c.getAttribute('data-points')) > 0 && Number(c.getAttribute('data-lines')) === ${lines}; })()`,
        undefined,
        { polling: 'raf', timeout: 120_000 },
      );
    const started = performance.now();
    await page.goto(new URL(`#/compare/${ids.join(',')}`, server.url).href);
    await page.waitForFunction(`Number(document.querySelector('[data-chart="compare"]')?.getAttribute('data-points')) > 0`, undefined, { polling: 'raf', timeout: 120_000 });
    const drawnAfter = performance.now() - started;
    // Where the time went, from the page's resource timings (ms after navigation start; read after
    // the chart is drawn, so the measuring costs the page nothing while it opens).
    const timings = (await page.evaluate(`(() => {
      const entries = performance.getEntriesByType('resource');
      const scripts = entries.filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'));
      const series = entries.filter((e) => e.name.includes('getSeriesColumns'));
      const last = series.at(-1);
      return { scripts: scripts.length, scriptsEnd: Math.max(0, ...scripts.map((e) => e.responseEnd)), calls: series.length, bytes: last ? last.encodedBodySize : 0, asked: last ? last.startTime : -1, answered: last ? last.responseStart : -1, received: last ? last.responseEnd : -1, now: performance.now() };
    })()`)) as Record<'scripts' | 'scriptsEnd' | 'calls' | 'bytes' | 'asked' | 'answered' | 'received' | 'now', number>;
    console.log(`compare ${runCount} runs × ${pointsPerRun.toLocaleString('en')} points: chart drawn ${ms(drawnAfter)} after navigation (getSeriesColumns: ${timings.calls} call(s), the last ${(timings.bytes / 2 ** 20).toFixed(1)} MiB)`);
    console.log(`  page clock: ${timings.scripts} scripts loaded by ${ms(timings.scriptsEnd)}, series asked ${ms(timings.asked)}, first byte ${ms(timings.answered)}, received ${ms(timings.received)}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);

    const grouped = page.locator('[data-control="grouped"]');
    if (await grouped.isChecked()) {
      const t0 = performance.now();
      await grouped.uncheck();
      await drawn(runCount);
      console.log(`one line per run (${runCount} lines): drawn ${ms(performance.now() - t0)} after the switch`);
    }
    const points = Number(await page.locator('[data-chart="compare"]').getAttribute('data-points'));
    console.log(`points drawn: ${points.toLocaleString('en')} (${Math.round(points / runCount)} per run, from ${pointsPerRun.toLocaleString('en')})`);

    // Hover: a move across the canvas, then the next frame (the tooltip drawn).
    const box = await page.locator('[data-chart="compare"] canvas').first().boundingBox();
    if (!box) throw new Error('no chart canvas');
    const times: number[] = [];
    let tips = 0;
    for (let i = 0; i < 30; i++) {
      const x = box.x + box.width * (0.1 + (0.8 * i) / 29);
      const t0 = performance.now();
      await page.mouse.move(x, box.y + box.height / 2);
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))');
      times.push(performance.now() - t0);
      if (await page.locator('[data-hover-tip]').count()) tips++;
    }
    console.log(`hover: median ${ms(median(times))} per move, worst ${ms(Math.max(...times))} (move + next frame, 30 moves; the nearest point shown after ${tips} of them)`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
