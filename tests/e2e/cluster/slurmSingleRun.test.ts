import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openBrowserSession, type BrowserSession } from '../../support/browserApp.js';
import { optionalPathsRequired } from '../../support/requiredPaths.js';
import { slurmUnavailable, startSlurmCluster, type SlurmCluster } from '../../support/slurmCluster.js';
import { pollUntil } from '../../support/pollUntil.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const unavailable = slurmUnavailable();
const epochs = 400;

describe('Slurm from the forms and across an app restart: a single run with its own resources, reattached after a restart; an experiment whose resources Slurm refuses', { skip: unavailable !== null && !optionalPathsRequired ? unavailable! : false }, () => {
  let dir: string;
  let cluster: SlurmCluster | undefined;
  let session: BrowserSession | undefined;

  before(async () => {
    if (unavailable !== null) throw new Error(`The Slurm test is required here (OPTLAB_REQUIRE_OPTIONAL_PATHS/CI) but ${unavailable}`);
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-slurm-run-'));
    cluster = await startSlurmCluster(path.join(dir, 'cluster'));
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

  it('submits the New Run form with the CPUs, memory and time limit typed; the app restarts while it trains, takes it back, and it completes', async () => {
    const origin = new URL(session!.url).origin;
    await call('saveClusterProfile', {
      profile: {
        name: 'local-slurm',
        submit: { kind: 'local' },
        sharedFolder: path.join(dir, 'shared'),
        optlabCommand: `${process.execPath} ${path.join(repoRoot, 'bin', 'optlab.mjs')}`,
        reportUrl: origin,
        resources: { cpus: 1, memory: '1G', timeLimit: '00:15:00' },
        setupLines: ['export OPTLAB_BACKEND=cpu-native'],
      },
    });
    const page = session!.page;
    await page.goto(new URL('#/runs', session!.url).href);
    await page.goto(new URL('#/new', session!.url).href);
    await page.locator('#dataset-kind').waitFor();
    await page.fill('#run-name', 'slurm-single');
    await page.fill('#dataset-trainLimit', '256');
    await page.fill('#dataset-testLimit', '128');
    await page.fill('#model-hidden', '16');
    await page.fill('#training-epochs', String(epochs));
    await page.fill('#training-batchSize', '64');
    await page.getByTestId('single-run-on').selectOption('local-slurm');
    // The profile's defaults are the placeholders; a wrong value is named and nothing is sent.
    assert.equal(await page.locator('#single-resource-memory').getAttribute('placeholder'), '1G');
    await page.fill('#single-resource-memory', 'lots');
    await page.getByText('a size such as 4G or 500M').waitFor();
    assert.equal(await page.locator('button[type=submit]').isDisabled(), true);
    await page.fill('#single-resource-memory', '512M');
    await page.fill('#single-resource-cpus', '2');
    await page.fill('#single-resource-timeLimit', '00:10:00');
    await page.click('button[type=submit]:has-text("Submit to local-slurm")');
    await page.waitForURL(/#\/runs\/\d+$/);
    const id = Number(/#\/runs\/(\d+)$/.exec(page.url())?.[1]);

    // A job of one task, with the resources typed over the profile's.
    const [job] = await call('getClusterJobs', { ids: [id] });
    assert.equal(job.taskIndex, 0);
    const shown = cluster!.run('scontrol', ['show', 'job', '-o', job.jobId]);
    assert.match(shown, /NumCPUs=2 /);
    assert.match(shown, /TimeLimit=00:10:00 /);
    assert.match(shown, /MinMemoryNode=512M /);
    await page.getByText(`Slurm job ${job.jobId}_0`).waitFor();
    // Slurm holds each task (SIGSTOP) once it trains, so a fast machine cannot finish it before the
    // restart below; the node has 8 CPUs, so a held task does not keep the next one waiting.
    const training = (r: { status: string; progress?: { step: number } | null }) => r.status === 'running' && (r.progress?.step ?? 0) > 0;
    await pollUntil('the run training', () => call('getRun', { id }), training);
    cluster!.run('scontrol', ['suspend', job.jobId]);

    // A second run on the cluster, whose task is cancelled while the app is stopped.
    const other = await call('createRun', { config: (await call('getRun', { id })).config, target: { kind: 'slurm', profile: 'local-slurm' } });
    const [otherJob] = await call('getClusterJobs', { ids: [other.id] });
    await pollUntil('the second run training', () => call('getRun', { id: other.id }), training);
    cluster!.run('scontrol', ['suspend', otherJob.jobId]);

    // The app stops and starts again while the tasks train: they go on, the runs are taken back.
    await session!.restartServer(async () => {
      cluster!.run('scancel', [`${otherJob.jobId}_0`]);
      await pollUntil('the cancelled task to end', async () => cluster!.run('squeue', ['-h', '-r', '-j', otherJob.jobId, '-o', '%T']).trim(), (state) => state === '', 30_000);
      // The first task trains on for a moment, its reports failing while the app is away, and is held
      // again so that it is still live when the restarted app looks.
      cluster!.run('scontrol', ['resume', job.jobId]);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      cluster!.run('scontrol', ['suspend', job.jobId]);
    });
    const afterRestart = await call('getRun', { id });
    assert.equal(afterRestart.status, 'running', `still running after the restart: ${afterRestart.error}`);
    const cancelled = await pollUntil('the task cancelled meanwhile to end its run', () => call('getRun', { id: other.id }), (r) => r.status !== 'running' && r.status !== 'queued', 60_000);
    assert.equal(cancelled.status, 'cancelled');
    assert.match(cancelled.error ?? '', /scancel/);
    await pollUntil('Slurm to say the reattached task is suspended', async () => (await call('getClusterJobs', { ids: [id] }))[0].state, (state) => state === 'SUSPENDED', 30_000);
    cluster!.run('scontrol', ['resume', job.jobId]);
    const stepAfter = afterRestart.progress?.step ?? 0;
    await pollUntil('the reattached run to report again', () => call('getRun', { id }), (r) => (r.progress?.step ?? 0) > stepAfter, 60_000);

    const done = await pollUntil('the run to finish', () => call('getRun', { id }), (r) => r.status !== 'queued' && r.status !== 'running');
    assert.deepEqual([done.status, done.error], ['completed', null]);
    const loss = (await call('getMetrics', { id, keys: ['train/loss'] }))[0].points;
    assert.deepEqual(loss.map((p) => p.epoch), Array.from({ length: epochs }, (_, i) => i + 1), 'each epoch once');
  });

  it('shows what sbatch said when the New Experiment form asks for resources the cluster does not have', async () => {
    const page = session!.page;
    await page.goto(new URL('#/experiments', session!.url).href);
    await page.click('#new-experiment');
    await page.click('[data-view-json]');
    const base = {
      dataset: { kind: 'fashion-mnist', trainLimit: 64, testLimit: 64 },
      model: { kind: 'mlp', hidden: [8], activation: 'relu' },
      optimizer: { type: 'adam', lr: 0.01 },
      training: { epochs: 1, batchSize: 32, seed: 0 },
    };
    await page.fill('#experiment-json', JSON.stringify({ name: 'slurm gpus', base, trials: { count: 2 } }));
    await page.locator('[data-run-count="2"]').waitFor();
    await page.getByTestId('experiment-run-on').selectOption('local-slurm');
    await page.fill('#experiment-resource-gpus', '1');
    await page.click('#experiment-create');
    // The one-node cluster has no GPUs (no GRES): sbatch refuses the array, and the form says why.
    const problem = page.locator('[data-submit-problem]');
    await problem.filter({ hasText: /Could not submit to local-slurm: sbatch on this machine: .*(gres|generic resource)/i }).waitFor();
    const runs = (await call('listRuns', {})).filter((r) => r.experimentId !== null && r.experimentId !== undefined);
    assert.equal(runs.length, 2);
    for (const run of runs) {
      assert.equal(run.status, 'failed');
      assert.match(run.error ?? '', /Could not submit to local-slurm/);
    }
  });
});
