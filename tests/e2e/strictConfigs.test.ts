import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { browserSessionForSuite } from '../support/browserApp.js';
import { optlab } from '../support/optlabCli.js';

/** A learning-rate schedule put under training, where it is not a field (it belongs at the top level). */
const misplaced = {
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'sgd', lr: 0.001 },
  training: { epochs: 2, stepsPerEpoch: 10, lrSchedule: { type: 'cosine' } },
};
const explained = 'training.lrSchedule is not a field of training; lrSchedule belongs at the top level';

describe('a config with an unknown field is refused, naming it, never trained with the field dropped', { timeout: 300_000 }, () => {
  const session = browserSessionForSuite();

  test('in the app: the experiment form (as JSON) names the field and where it belongs, and creates nothing', async () => {
    const { page } = session;
    await page.goto(new URL('#/experiments', page.url()).href);
    await page.click('#new-experiment');
    await page.click('[data-view-json]');
    await page.fill('#experiment-json', JSON.stringify({ name: 'misplaced schedule', base: misplaced }, null, 2));
    const issue = page.locator('.issues li[data-issue-path="base.training.lrSchedule"]');
    await issue.waitFor();
    assert.equal(await issue.textContent(), `base.${explained}`);
    assert.equal(await page.locator('#experiment-create').isDisabled(), true);
    if (process.env.OPTLAB_SCREENSHOTS) await page.screenshot({ path: `${process.env.OPTLAB_SCREENSHOTS}/experiment-form-unknown-field.png`, fullPage: true });
    assert.deepEqual(await session.call('listExperiments', {}), []);
  });

  test('over HTTP: createRun answers 400 with the field’s path and the explanation', async () => {
    const origin = new URL(session.url).origin;
    const token = new URL(session.url).searchParams.get('token');
    const response = await fetch(`${origin}/api/call/createRun`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ config: misplaced }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
    assert.equal(body.error.code, 'invalid-input');
    assert.deepEqual(body.error.issues, [
      { path: 'config.training.lrSchedule', message: 'config.training.lrSchedule is not a field of config.training; lrSchedule belongs in config' },
    ]);
    assert.deepEqual(await session.call('listRuns', {}), []);
  });

  test('on the command line: optlab run exits 1 naming the field, and stores no run', async () => {
    const work = await mkdtemp(join(tmpdir(), 'optlab-strict-'));
    try {
      const file = join(work, 'run.json');
      await writeFile(file, JSON.stringify(misplaced));
      const db = join(work, 'optlab.db');
      const result = await optlab(['--db', db, 'run', file, '--quiet']);
      assert.equal(result.code, 1, result.stdout);
      assert.ok(result.stderr.includes(explained), result.stderr);
      const listed = await optlab(['--db', db, 'runs', '--json']);
      assert.deepEqual(JSON.parse(listed.stdout), []);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
