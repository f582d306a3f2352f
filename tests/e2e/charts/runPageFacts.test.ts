import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../../support/browserApp.js';

const surface = { dataset: { kind: 'surface', surface: 'rosenbrock' }, model: { kind: 'point' }, optimizer: { type: 'adam', lr: 0.01 } };

async function waitForStatus(call: () => Promise<{ status: string }>, wanted: string[]): Promise<void> {
  for (;;) {
    const { status } = await call();
    if (wanted.includes(status)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the run page: a ticking clock, and a damaged artifact that does not take the page down', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('"Running for" counts up every second while the run trains', async () => {
    const { page } = session;
    // Long enough to watch for a few seconds; cancelled once seen.
    const { id } = await session.call('createRun', { config: { ...surface, name: 'e2e clock', training: { epochs: 1000, stepsPerEpoch: 1000 } } });
    await waitForStatus(() => session.call('getRun', { id }), ['running']);
    await page.goto(new URL(`#/runs/${id}`, page.url()).href);
    const clock = page.locator('[data-testid="run-duration"]');
    await page.locator('.page-header [data-status="running"]').waitFor();
    const seconds = async () => {
      const text = (await clock.innerText()).trim();
      const match = /^(?:(\d+)m )?(\d+)s$/.exec(text);
      assert.ok(match, `a duration: ${text}`);
      return Number(match[1] ?? 0) * 60 + Number(match[2]);
    };
    const readings: number[] = [];
    for (let i = 0; i < 6; i++) {
      readings.push(await seconds());
      await page.waitForTimeout(1100);
    }
    await session.call('cancelRun', { id });
    for (let i = 1; i < readings.length; i++) assert.ok(readings[i] > readings[i - 1], `the clock moves on each second: ${readings.join(', ')}`);
  });

  test('a malformed stored confusion matrix shows as unreadable; the charts and facts stay', async () => {
    const { page } = session;
    const { id } = await session.call('createRun', { config: { ...surface, name: 'e2e damaged artifact', training: { epochs: 2, stepsPerEpoch: 20 } } });
    await waitForStatus(() => session.call('getRun', { id }), ['completed']);
    const db = new Database(session.dbPath);
    try {
      db.prepare('INSERT INTO run_artifacts (run_id, name, content, created_at) VALUES (?, ?, ?, ?)').run(id, 'confusion-matrix', JSON.stringify({ epoch: 2, classNames: ['a', 'b'], matrix: 5 }), new Date().toISOString());
    } finally {
      db.close();
    }
    await assert.rejects(session.call('getConfusionMatrix', { id }), /The stored confusion-matrix of run \d+ is unreadable: matrix: /);
    await page.goto(new URL(`#/runs/${id}`, page.url()).href);
    const banner = page.locator('[data-testid="confusion-unreadable"]');
    await banner.waitFor();
    assert.match(await banner.innerText(), /^Confusion matrix unreadable: The stored confusion-matrix of run \d+ is unreadable: matrix: /);
    await page.locator('[data-chart="loss"][data-x-ticks]').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'e2e damaged artifact');
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/damaged-artifact.png`, fullPage: true });
  });
});
