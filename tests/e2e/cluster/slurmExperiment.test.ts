import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ClusterJob } from '../../../shared/cluster/clusterJob.js';
import type { RunSummary } from '../../../shared/runs/runTypes.js';
import { openBrowserSession, type BrowserSession } from '../../support/browserApp.js';
import { optionalPathsRequired } from '../../support/requiredPaths.js';
import { slurmUnavailable, startSlurmCluster, type SlurmCluster } from '../../support/slurmCluster.js';
import { pollUntil } from '../../support/pollUntil.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const unavailable = slurmUnavailable();
const epochs = 100;

/** 2 learning rates × 2 seeds of a small MLP on the bundled Fashion-MNIST subset. */
const experiment = {
  name: 'Slurm sweep',
  base: {
    dataset: { kind: 'fashion-mnist', trainLimit: 256, testLimit: 128 },
    model: { kind: 'mlp', hidden: [16], activation: 'relu' },
    optimizer: { type: 'adam', lr: 0.01 },
    training: { epochs, batchSize: 64, seed: 0 },
  },
  sweep: { axes: [{ path: 'optimizer.lr', values: [0.01, 0.001] }] },
  trials: { count: 2, firstSeed: 0 },
};

describe('Slurm execution target: a 2 × 2 experiment as one job array on a one-node cluster', { skip: unavailable !== null && !optionalPathsRequired ? unavailable! : false }, () => {
  let dir: string;
  let cluster: SlurmCluster | undefined;
  let session: BrowserSession | undefined;

  before(async () => {
    if (unavailable !== null) throw new Error(`The Slurm test is required here (OPTLAB_REQUIRE_OPTIONAL_PATHS/CI) but ${unavailable}`);
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-slurm-'));
    cluster = await startSlurmCluster(path.join(dir, 'cluster'));
    // The app (here, in this process) runs sbatch, scontrol and scancel against this cluster.
    process.env.SLURM_CONF = cluster.env.SLURM_CONF;
    session = await openBrowserSession({ clusterPollMs: 500 });
  });
  after(async () => {
    await session?.close();
    await cluster?.stop();
    delete process.env.SLURM_CONF;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const call: BrowserSession['call'] = (method, input) => session!.call(method, input);
  const run = async (id: number) => call('getRun', { id });

  it('runs the experiment through Slurm: live in the UI, one cancelled with scancel, one killed then resumed, and a results table', async () => {
    const origin = new URL(session!.url).origin;
    const profile = {
      name: 'local-slurm',
      submit: { kind: 'local' },
      sharedFolder: path.join(dir, 'shared'),
      optlabCommand: `${process.execPath} ${path.join(repoRoot, 'bin', 'optlab.mjs')}`,
      reportUrl: origin,
      resources: { cpus: 1, memory: '1G', timeLimit: '00:15:00' },
      setupLines: ['export OPTLAB_BACKEND=cpu-native'],
    };
    // The profile is stored (strictly checked) and the connection check says what works.
    await assert.rejects(call('saveClusterProfile', { profile: { ...profile, resources: { partition: 'a;b' } } }), /partition/i);
    await call('saveClusterProfile', { profile });
    assert.deepEqual((await call('getClusterProfiles', {})).profiles.map((p) => p.name), ['local-slurm']);
    const checks = await call('checkClusterConnection', { profile });
    assert.deepEqual(
      checks.filter((c) => !c.ok),
      [],
      'every check passes on the one-node cluster',
    );
    assert.deepEqual(checks.map((c) => c.name), ['Connection', 'sbatch', 'Scheduler', 'Shared folder', 'optlab', 'Report address']);
    // The Clusters page lists it and runs the same check.
    const clustersPage = session!.page;
    await clustersPage.goto(new URL('#/clusters', session!.url).href);
    await clustersPage.getByTestId('cluster-profiles').getByRole('row', { name: /local-slurm/ }).getByRole('button', { name: 'Edit' }).click();
    await clustersPage.getByTestId('cluster-check').click();
    await clustersPage.getByTestId('cluster-checks').getByText('✓ Report address').waitFor();
    assert.equal(await clustersPage.getByTestId('cluster-checks').locator('li.bad').count(), 0);

    const created = await call('createExperiment', { config: experiment, target: { kind: 'slurm', profile: 'local-slurm' } });
    const runs = (await call('listRuns', {})).filter((r) => r.experimentId === created.id).sort((a, b) => a.id - b.id);
    assert.equal(runs.length, 4);
    const ids = runs.map((r) => r.id);

    // One job array: one job id, task indexes 0..3.
    const jobs: ClusterJob[] = await call('getClusterJobs', { ids });
    assert.equal(new Set(jobs.map((j) => j.jobId)).size, 1);
    assert.deepEqual(jobs.map((j) => j.taskIndex), [0, 1, 2, 3]);
    const jobId = jobs[0].jobId;
    assert.match(cluster!.run('scontrol', ['show', 'job', '-o', jobId]), /ArrayJobId=\d+ ArrayTaskId=/);

    // All four train on the node and report live: running, with progress; run 2 has its first checkpoint.
    await pollUntil(
      'all four runs training',
      () => Promise.all(ids.map(run)),
      (all) => all.every((r) => r.status === 'running' && (r.progress?.step ?? 0) > 0) && (all[1].checkpoint?.epoch ?? 0) >= 1,
    );
    // Slurm holds the tasks (SIGSTOP) while the test looks at them, so a fast machine cannot finish them first.
    cluster!.run('scontrol', ['suspend', jobId]);
    const withCheckpoint = await run(ids[1]);
    assert.ok(withCheckpoint.checkpoint!.path.startsWith(profile.sharedFolder), 'the checkpoint is on the shared storage, its path recorded');

    // The runs table shows them running, the run page the task and its state from Slurm.
    const page = session!.page;
    await page.goto(new URL('#/runs', session!.url).href);
    for (const id of ids) await page.locator(`tr[data-run-id="${id}"] [data-status="running"]`).waitFor();
    await page.goto(new URL(`#/runs/${ids[2]}`, session!.url).href);
    await page.getByText(`Slurm job ${jobId}_2`).waitFor();
    await page.getByTestId('cluster-job').filter({ hasText: 'suspended' }).waitFor();

    // Kill run 2's task (every process of it) and cancel run 1 (scancel).
    const taskJob = /JobId=(\d+) ArrayJobId=\d+ ArrayTaskId=1 /.exec(cluster!.run('scontrol', ['show', 'job', '-o', jobId]))![1];
    const pids = cluster!
      .run('scontrol', ['listpids', taskJob])
      .split('\n')
      .slice(1)
      .map((line) => Number(line.trim().split(/\s+/)[0]))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
    assert.ok(pids.length > 0);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await call('cancelRun', { id: ids[0] });

    // Let the other two go on: the open run page follows run 3 live.
    for (const task of [2, 3]) cluster!.run('scontrol', ['resume', `${jobId}_${task}`]);
    const stepText = async () => (await page.getByTestId('run-progress').innerText()).trim();
    const before = await stepText();
    await pollUntil('the run page to follow the run', stepText, (text) => text !== before, 60_000);
    await page.getByTestId('cluster-job').filter({ hasText: /· (running|completing|completed)/ }).waitFor();

    const cancelled = await pollUntil('the cancelled run', () => run(ids[0]), (r) => r.status === 'cancelled');
    assert.equal(cancelled.error, null);
    await pollUntil('Slurm to say CANCELLED', async () => (await call('getClusterJobs', { ids: [ids[0]] }))[0].state, (s) => s === 'CANCELLED', 30_000);
    const failed = await pollUntil('the killed run to fail', () => run(ids[1]), (r) => r.status === 'failed');
    assert.match(failed.error ?? '', /killed by signal 9|killed by SIGKILL/);
    await page.goto(new URL(`#/runs/${ids[1]}`, session!.url).href);
    await page.getByText(/Resume from epoch \d+/).waitFor();

    // Resume resubmits the task: it continues from the checkpoint to the end.
    const resumedFrom = failed.checkpoint!.epoch;
    await call('resumeRun', { id: ids[1] });
    const resumedJobs = await call('getClusterJobs', { ids: [ids[1]] });
    assert.notEqual(resumedJobs[0].jobId, jobId, 'resubmitted as a new job');
    const done = await Promise.all([ids[1], ids[2], ids[3]].map((id) => pollUntil(`run ${id} to complete`, () => run(id), (r) => r.status === 'completed' || r.status === 'failed')));
    assert.deepEqual(done.map((r) => [r.id, r.status, r.error]), [ids[1], ids[2], ids[3]].map((id) => [id, 'completed', null]));
    const resumed = done[0];
    const epochLoss = (await call('getMetrics', { id: resumed.id, keys: ['train/loss'] }))[0].points;
    assert.deepEqual(epochLoss.map((p) => p.epoch), Array.from({ length: epochs }, (_, i) => i + 1), `each epoch once, the run resumed after epoch ${resumedFrom}`);

    // The results table, as for a local experiment: one row per setting, the cancelled trial left out.
    const table = await call('getResultsTable', { experimentId: created.id, metrics: ['test/accuracy'] });
    assert.equal(table.rows.length, 2);
    assert.ok(table.columns.some((c) => /optimizer\.lr|lr/.test(c.label)));
    const text = JSON.stringify(table);
    assert.match(text, /1 cancelled/);
    const finished: RunSummary[] = await Promise.all(ids.map(run));
    assert.deepEqual(finished.map((r) => r.status), ['cancelled', 'completed', 'completed', 'completed']);
    // Tokens end with their runs: a finished run's task can no longer write.
    const refused = await fetch(`${origin}/api/report/runs/${ids[2]}`, { method: 'POST', headers: { authorization: 'Bearer olr_none', 'content-type': 'application/json' }, body: '{"seq":0,"messages":[]}' });
    assert.equal(refused.status, 401);
  });
});
