import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterProfileSchema } from '../../../../shared/cluster/clusterProfile.js';
import { batchScript, shellQuote } from '../../../../shared/cluster/sbatchScript.js';

const profile = clusterProfileSchema.parse({
  name: 'hpc',
  submit: { kind: 'ssh', host: 'login.hpc.example', user: 'ana' },
  sharedFolder: '/scratch/ana/optlab',
  optlabCommand: 'node /scratch/ana/optlab-app/bin/optlab.mjs',
  reportUrl: 'http://127.0.0.1:8765',
  resources: { gpus: 1, cpus: 4, memory: '16G', timeLimit: '02:00:00', partition: 'gpu', account: 'proj42' },
  setupLines: ['module load nodejs/20', 'export OPTLAB_BACKEND=auto'],
});

describe('cluster profiles and batch scripts', () => {
  it('writes one array with the resources, the set-up lines and the task entry', () => {
    const script = batchScript({ profile, resources: profile.resources, jobDir: '/scratch/ana/optlab/optlab-jobs/x', count: 4, jobName: 'optlab-7' });
    const lines = script.split('\n');
    assert.equal(lines[0], '#!/bin/bash');
    for (const directive of ['--array=0-3', '--cpus-per-task=4', '--mem=16G', '--time=02:00:00', '--gres=gpu:1', '--partition=gpu', '--account=proj42', '--output=/scratch/ana/optlab/optlab-jobs/x/task-%a.out']) {
      assert.ok(lines.includes(`#SBATCH ${directive}`), directive);
    }
    assert.ok(lines.indexOf('module load nodejs/20') < lines.findIndex((l) => l.startsWith('exec ')));
    assert.ok(lines.includes(`exec node /scratch/ana/optlab-app/bin/optlab.mjs task '/scratch/ana/optlab/optlab-jobs/x'/task-"\${SLURM_ARRAY_TASK_ID}".json`));
    assert.ok(!script.includes('--gres') || profile.resources.gpus > 0);
    assert.throws(() => batchScript({ profile, resources: profile.resources, jobDir: '/x', count: 0, jobName: 'j' }), /at least one run/);
  });

  it('refuses values that would add a line or a word to the script', () => {
    const bad = (patch: Record<string, unknown>) => clusterProfileSchema.safeParse({ name: 'a', submit: { kind: 'local' }, sharedFolder: '/s', reportUrl: 'http://127.0.0.1:1', ...patch }).success;
    assert.equal(bad({}), true);
    assert.equal(bad({ resources: { partition: 'gpu\n#SBATCH --x' } }), false);
    assert.equal(bad({ resources: { account: 'a b' } }), false);
    assert.equal(bad({ resources: { memory: '4 GB' } }), false);
    assert.equal(bad({ resources: { timeLimit: 'soon' } }), false);
    assert.equal(bad({ sharedFolder: "/s'; rm -rf ~" }), false);
    assert.equal(bad({ sharedFolder: 'relative/path' }), false);
    assert.equal(bad({ setupLines: ['module load a\nrm -rf ~'] }), false);
    assert.equal(bad({ reportUrl: 'ftp://x' }), false);
    assert.equal(bad({ extra: 1 }), false, 'strict: an unknown field is refused');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });
});
