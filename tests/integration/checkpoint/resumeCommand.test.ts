import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAppServices } from '../../../main/app/createAppServices.js';
import { runConfigSchema } from '../../../shared/config/runConfig.js';
import { optlab } from '../../support/optlabCli.js';
import { stopAtCheckpoint } from './stopMidRun.js';

describe('optlab resume', () => {
  let dir: string;
  let dbPath: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-resume-cli-'));
    dbPath = path.join(dir, 'optlab.db');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('continues an interrupted run from its checkpoint to the end; refuses a run that cannot resume', { timeout: 300_000 }, async () => {
    const config = runConfigSchema.parse({
      dataset: { kind: 'fashion-mnist', trainLimit: 600, testLimit: 100 },
      model: { kind: 'mlp', hidden: [16] },
      optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9 },
      training: { epochs: 4, batchSize: 50, seed: 3 },
    });
    const services = createAppServices({ dbPath, dataDir: path.join(dir, 'data'), mode: 'browser', recoverInterrupted: true });
    let runId: number;
    try {
      runId = await stopAtCheckpoint(services, config, 1, () => services.close());
    } finally {
      await services.close();
    }

    const resumed = await optlab(['--db', dbPath, '--data-dir', path.join(dir, 'data'), 'resume', '--quiet', String(runId)]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`run ${runId} completed`));
    assert.match(resumed.stdout, /test\/accuracy=/);

    const again = await optlab(['--db', dbPath, 'resume', '--quiet', String(runId)]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is completed; only an interrupted, failed or cancelled run can resume/);

    const missing = await optlab(['--db', dbPath, 'resume', '--quiet', '999']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no run 999/);
  });
});
