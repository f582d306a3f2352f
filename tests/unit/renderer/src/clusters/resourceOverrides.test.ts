import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyResourceTexts, executionTarget, readResourceOverrides, resourceDefault } from '../../../../../renderer/src/clusters/resourceOverrides.js';
import { clusterProfileSchema } from '../../../../../shared/cluster/clusterProfile.js';

describe('resource overrides typed in the New Run and New Experiment forms', () => {
  it('leaves out empty fields, reads numbers and Slurm values, and sends the target with them', () => {
    const texts = { ...emptyResourceTexts(), cpus: ' 2 ', timeLimit: '00:10:00', partition: 'debug' };
    assert.deepEqual(readResourceOverrides(texts), { overrides: { cpus: 2, timeLimit: '00:10:00', partition: 'debug' }, issues: [] });
    assert.deepEqual(executionTarget('gpu-cluster', texts), {
      target: { kind: 'slurm', profile: 'gpu-cluster', resources: { cpus: 2, timeLimit: '00:10:00', partition: 'debug' } },
      issues: [],
    });
    assert.deepEqual(executionTarget('gpu-cluster', emptyResourceTexts()), { target: { kind: 'slurm', profile: 'gpu-cluster' }, issues: [] });
    assert.deepEqual(executionTarget('', texts), { target: undefined, issues: [] }, 'this machine takes no resources');
  });

  it('names each bad field and sends nothing while one is wrong', () => {
    const texts = { ...emptyResourceTexts(), gpus: '1.5', cpus: '0', memory: 'lots', timeLimit: '1h', account: 'a;rm -rf' };
    const { target, issues } = executionTarget('gpu-cluster', texts);
    assert.equal(target, undefined);
    assert.deepEqual(issues.map((i) => i.path).sort(), ['resources.account', 'resources.cpus', 'resources.gpus', 'resources.memory', 'resources.timeLimit']);
    assert.match(issues.find((i) => i.path === 'resources.gpus')!.message, /whole number/);
    assert.match(issues.find((i) => i.path === 'resources.memory')!.message, /4G/);
    assert.match(issues.find((i) => i.path === 'resources.account')!.message, /letters, digits/);
  });

  it("shows the profile's defaults as placeholders", () => {
    const profile = clusterProfileSchema.parse({ name: 'c', submit: { kind: 'local' }, sharedFolder: '/shared', reportUrl: 'http://127.0.0.1:8765', resources: { gpus: 1, partition: 'gpu' } });
    assert.equal(resourceDefault(profile, 'gpus'), '1');
    assert.equal(resourceDefault(profile, 'memory'), '4G');
    assert.equal(resourceDefault(profile, 'partition'), 'gpu');
    assert.equal(resourceDefault(profile, 'account'), '');
  });
});
