import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createAppServices } from '../../main/app/createAppServices.js';
import { startServer, type RunningServer } from '../../main/server/startServer.js';
import { runConfigSchema } from '../../shared/config/runConfig.js';
import { stopAtCheckpoint } from '../integration/checkpoint/stopMidRun.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Headless Chromium on browser mode: a run interrupted by an app restart offers "Resume" and, clicked, completes. */
describe('resuming an interrupted run from the UI', () => {
  let work: string;
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const pageErrors: string[] = [];

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'optlab-e2e-resume-'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
    assert.deepEqual(pageErrors, [], 'the page threw');
  });

  it('shows Resume for the interrupted run; clicking it trains the run to completion', { timeout: 300_000 }, async () => {
    const dbPath = join(work, 'optlab.db');
    const dataDir = join(work, 'data');
    // The app trains a run until its first epoch checkpoint and stops (as when it is quit mid-run).
    const services = createAppServices({ dbPath, dataDir, mode: 'browser', recoverInterrupted: true });
    let runId: number;
    try {
      const config = runConfigSchema.parse({
        name: 'resume me',
        dataset: { kind: 'fashion-mnist', trainLimit: 600, testLimit: 100 },
        model: { kind: 'mlp', hidden: [16] },
        optimizer: { type: 'adam', lr: 0.003 },
        training: { epochs: 4, batchSize: 50, seed: 5 },
      });
      runId = await stopAtCheckpoint(services, config, 1, () => services.close());
    } finally {
      await services.close();
    }

    // The renderer built from the current sources, served by the browser-mode server on that database.
    const staticDir = join(work, 'renderer');
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--outDir', staticDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: repoRoot, stdio: 'inherit' });
    server = await startServer({ dbPath, dataDir, host: '127.0.0.1', port: 0, staticDir });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);

    // The runs table: the interrupted run offers Resume (and names the epoch it continues after).
    await page.goto(`${server.url.split('#')[0]}#/runs`);
    const row = page.locator(`tr[data-run-id="${runId}"]`);
    await row.locator('[data-status="interrupted"]').waitFor();
    const tableResume = row.getByRole('button', { name: 'Resume' });
    assert.match((await tableResume.getAttribute('title')) ?? '', /^Resume from epoch [1-3]$/);

    // The run page: "Resume from epoch N", clicked, and the run trains to the end.
    await page.goto(`${server.url.split('#')[0]}#/runs/${runId}`);
    const resume = page.getByTestId('resume-run');
    assert.match((await resume.textContent()) ?? '', /^Resume from epoch [1-3]$/);
    await resume.click();
    await page.locator('header [data-status="completed"]').waitFor({ timeout: 240_000 });
    assert.equal(await page.getByTestId('resume-run').count(), 0, 'a completed run offers no Resume');
    await page.getByTestId('final-metrics').waitFor();

    const response = await fetch(`${new URL(server.url).origin}/api/call/getRun`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ id: runId }),
    });
    const { result } = (await response.json()) as { result: { status: string; progress: { epoch: number } | null } };
    assert.equal(result.status, 'completed');
    assert.equal(result.progress?.epoch, 4);
  });
});
