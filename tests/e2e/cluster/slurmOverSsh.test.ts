import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openBrowserSession, type BrowserSession } from '../../support/browserApp.js';
import { optionalPathsRequired } from '../../support/requiredPaths.js';
import { slurmUnavailable, startSlurmCluster, type SlurmCluster } from '../../support/slurmCluster.js';
import { sshUnavailable, startSshServer, type SshServer } from '../../support/sshServer.js';
import { pollUntil } from '../../support/pollUntil.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const unavailable = slurmUnavailable() ?? sshUnavailable();
const epochs = 5;

describe('Slurm over ssh: a login node reached by ssh submits, watches and checks', { skip: unavailable !== null && !optionalPathsRequired ? unavailable! : false }, () => {
  let dir: string;
  let cluster: SlurmCluster | undefined;
  let sshd: SshServer | undefined;
  let session: BrowserSession | undefined;

  before(async () => {
    if (unavailable !== null) throw new Error(`The Slurm-over-ssh test is required here (OPTLAB_REQUIRE_OPTIONAL_PATHS/CI) but ${unavailable}`);
    dir = mkdtempSync(path.join(tmpdir(), 'optlab-slurm-ssh-'));
    cluster = await startSlurmCluster(path.join(dir, 'cluster'));
    // Only the sessions of the "login node" know the cluster: the app's own environment has no
    // SLURM_CONF, so a command that did not go through ssh would not reach this cluster.
    sshd = await startSshServer(path.join(dir, 'sshd'), cluster.env);
    session = await openBrowserSession({ clusterPollMs: 500 });
  });
  after(async () => {
    await session?.close();
    await sshd?.stop();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const call: BrowserSession['call'] = (method, input) => session!.call(method, input);

  it('checks the connection over ssh, submits a run through it, follows it to the end; a wrong host key is reported', async () => {
    assert.equal(process.env.SLURM_CONF, undefined);
    const profile = {
      name: 'over-ssh',
      submit: { kind: 'ssh', host: '127.0.0.1', user: 'root', port: sshd!.port, identityFile: sshd!.identityFile, knownHostsFile: sshd!.knownHostsFile },
      sharedFolder: path.join(dir, 'shared'),
      optlabCommand: `${process.execPath} ${path.join(repoRoot, 'bin', 'optlab.mjs')}`,
      reportUrl: new URL(session!.url).origin,
      resources: { cpus: 1, memory: '1G', timeLimit: '00:15:00' },
      setupLines: ['export OPTLAB_BACKEND=cpu-native'],
    };
    await assert.rejects(call('saveClusterProfile', { profile: { ...profile, submit: { ...profile.submit, identityFile: '/tmp/a key' } } }), /spaces/);
    await call('saveClusterProfile', { profile });

    // The connection check, from the Clusters page: every item passes, said from the login node.
    const page = session!.page;
    await page.goto(new URL('#/clusters', session!.url).href);
    await page.getByTestId('cluster-profiles').getByRole('row', { name: /over-ssh/ }).getByRole('button', { name: 'Edit' }).click();
    assert.equal(await page.locator('input[name=knownHostsFile]').inputValue(), sshd!.knownHostsFile);
    await page.getByTestId('cluster-check').click();
    await page.getByTestId('cluster-checks').getByText('✓ Report address').waitFor();
    assert.equal(await page.getByTestId('cluster-checks').locator('li.bad').count(), 0);
    const checks = await call('checkClusterConnection', { profile });
    assert.deepEqual(checks.filter((c) => !c.ok), []);
    assert.match(checks.find((c) => c.name === 'Connection')!.detail, /root@127\.0\.0\.1 \(ssh\)/);
    assert.match(checks.find((c) => c.name === 'Scheduler')!.detail, /debug/);

    // A run submitted through ssh trains on the node and reports; Slurm is asked over ssh.
    const base = {
      dataset: { kind: 'fashion-mnist', trainLimit: 128, testLimit: 64 },
      model: { kind: 'mlp', hidden: [8], activation: 'relu' },
      optimizer: { type: 'adam', lr: 0.01 },
      training: { epochs, batchSize: 32, seed: 0 },
    };
    const run = await call('createRun', { config: base, target: { kind: 'slurm', profile: 'over-ssh' } });
    const [job] = await call('getClusterJobs', { ids: [run.id] });
    // The array's script, submitted by sbatch in the ssh session (this process has no SLURM_CONF).
    assert.ok(cluster!.run('scontrol', ['show', 'job', '-o', job.jobId]).includes(` Command=${job.jobDir}/job.sh `));
    const done = await pollUntil('the run over ssh to finish', () => call('getRun', { id: run.id }), (r) => r.status !== 'queued' && r.status !== 'running');
    assert.deepEqual([done.status, done.error], ['completed', null]);
    await pollUntil('the state from Slurm over ssh', async () => (await call('getClusterJobs', { ids: [run.id] }))[0].state, (state) => state === 'COMPLETED', 30_000);

    // A login node whose host key is not the one known is refused, and the check says so.
    const otherHosts = path.join(dir, 'other_known_hosts');
    writeFileSync(otherHosts, `[127.0.0.1]:${sshd!.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzUFNQZVdFRGdhYXBjWmJrdE1WeEpkT2pCSGJhUmRR\n`);
    const refused = await call('checkClusterConnection', { profile: { ...profile, submit: { ...profile.submit, knownHostsFile: otherHosts } } });
    assert.deepEqual(refused.map((c) => [c.name, c.ok]), [['Connection', false]]);
    assert.match(refused[0].detail, /host key/i);
  });
});
