import assert from 'node:assert/strict';
import type { RunSummary } from '../../shared/runs/runTypes.js';
import type { BrowserSession } from './browserApp.js';

/** Polls the API until run `id` has completed; fails at once when it ends any other way. */
export async function completedRun(session: Pick<BrowserSession, 'call'>, id: number, pollMs = 300): Promise<RunSummary> {
  for (;;) {
    const run = await session.call('getRun', { id });
    if (run.status === 'completed') return run;
    assert.ok(run.status === 'queued' || run.status === 'running', `run ${run.status}: ${run.error}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
