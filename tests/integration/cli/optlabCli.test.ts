import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { optlab } from '../../support/optlabCli.js';
import { tempDirForSuite } from '../../support/tempDir.js';

describe('optlab CLI', () => {
  const dir = tempDirForSuite('cli');
  const db = path.join(dir, 'optlab.db');

  const writeConfig = (name: string, config: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
    return file;
  };

  it('trains a run from a config file and lists it', async () => {
    const file = writeConfig('ok.json', {
      name: 'cli surface',
      dataset: { kind: 'surface', surface: 'rosenbrock' },
      model: { kind: 'point' },
      optimizer: { type: 'mas', lr: 0.0001 },
      training: { epochs: 2, stepsPerEpoch: 25 },
    });
    const result = await optlab(['--db', db, 'run', '--quiet', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /run 1 completed/);
    assert.match(result.stdout, /surface\/distance_to_min=/);
    const listed = await optlab(['--db', db, 'runs', '--json']);
    const runs = JSON.parse(listed.stdout) as { name: string; status: string; backend: { backend: string } }[];
    assert.equal(runs.length, 1);
    assert.equal(runs[0].name, 'cli surface');
    assert.equal(runs[0].status, 'completed');
    assert.ok(runs[0].backend.backend.length > 0);
  });

  it('refuses an invalid config naming the fields, and stores nothing', async () => {
    const file = writeConfig('bad.json', {
      dataset: { kind: 'surface', surface: 'nowhere' },
      model: { kind: 'point' },
      optimizer: { type: 'sgd', lr: -0.1 },
      training: { epochs: 1 },
    });
    const result = await optlab(['--db', db, 'run', file]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /dataset\.surface/);
    assert.match(result.stderr, /optimizer\.lr: Invalid learning rate: -0\.1/);
    const listed = JSON.parse((await optlab(['--db', db, 'runs', '--json'])).stdout) as unknown[];
    assert.equal(listed.length, 1, 'only the run of the first test is stored');
  });

  it('lists a page of runs filtered and sorted in SQL', async () => {
    const table = await optlab(['--db', db, 'runs', '--optimizer', 'mas', '--where', 'optimizer.lr~0.0001', '--sort', 'name', '--asc']);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /cli surface/);
    assert.match(table.stdout, /runs 1–1 of 1/);
    const none = await optlab(['--db', db, 'runs', '--optimizer', 'sgd']);
    assert.match(none.stdout, /No runs match/);
    const bad = await optlab(['--db', db, 'runs', '--sort', 'nonsense']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /sort/);
  });

  it('says what is wrong with a file that is not JSON or does not exist', async () => {
    const notJson = await optlab(['--db', db, 'run', writeConfig('broken.json', '{ "dataset": ')]);
    assert.equal(notJson.code, 1);
    assert.match(notJson.stderr, /broken\.json is not valid JSON/);
    const missing = await optlab(['--db', db, 'run', path.join(dir, 'absent.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*absent\.json: ENOENT/);
  });
});
