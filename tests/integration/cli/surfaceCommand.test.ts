import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { optlab } from '../../support/optlabCli.js';
import { tempDirForSuite } from '../../support/tempDir.js';

interface SurfaceOutput {
  surface: string;
  start: [number, number];
  steps: number;
  minimum: [number, number];
  trajectories: {
    optimizer: { type: string; lr: number };
    summary: { steps: number; finalDistance: number; stepWithinTolerance: number | null; finite: boolean };
    path: [number, number, number][];
  }[];
}

describe('optlab surface', () => {
  const dir = tempDirForSuite('surface');

  it("prints each optimizer's path on Rosenbrock with the seed's settings as JSON: MAS ends nearest the minimum", async () => {
    const optimizers = ['sgd', 'adam', 'mas'].map((type) => ['--optimizer', JSON.stringify({ type, lr: 1e-4 })]).flat();
    const { code, stdout, stderr } = await optlab(['surface', '--surface', 'rosenbrock', ...optimizers]);
    assert.equal(code, 0, stderr);
    const out = JSON.parse(stdout) as SurfaceOutput;
    assert.equal(out.surface, 'rosenbrock');
    assert.deepEqual(out.start, [3, 1]);
    assert.equal(out.steps, 1000);
    assert.deepEqual(out.minimum, [1, 1]);
    assert.deepEqual(out.trajectories.map((t) => t.optimizer.type), ['sgd', 'adam', 'mas']);
    for (const t of out.trajectories) {
      assert.equal(t.path.length, 1001);
      assert.deepEqual(t.path[0].slice(0, 2), [3, 1]);
      assert.equal(t.summary.steps, 1000);
      const [x, y] = t.path[1000];
      assert.ok(Math.abs(t.summary.finalDistance - Math.hypot(x - 1, y - 1)) < 1e-12);
    }
    const [sgd, adam, mas] = out.trajectories.map((t) => t.summary.finalDistance);
    assert.ok(mas < sgd && mas < adam, `MAS ${mas} should end nearer (1, 1) than SGD ${sgd} and Adam ${adam}`);
  });

  it('reads several optimizers from a config file; options override it', async () => {
    const file = path.join(dir, 'abs.json');
    writeFileSync(file, JSON.stringify({ surface: 'abs-ridge', optimizers: [{ type: 'sgd', lr: 0.01 }, { type: 'adam', lr: 0.01 }], steps: 400 }));
    const { code, stdout, stderr } = await optlab(['surface', '--config', file, '--start', '3,2', '--steps', '300', '--tolerance', '0.05']);
    const summaries = await optlab(['surface', '--config', file, '--start', '3,2', '--steps', '300', '--tolerance', '0.05', '--no-path']);
    const short = JSON.parse(summaries.stdout) as SurfaceOutput;
    assert.equal(short.trajectories[1].path, undefined, '--no-path leaves the points out');
    assert.equal(code, 0, stderr);
    const out = JSON.parse(stdout) as SurfaceOutput;
    assert.equal(out.surface, 'abs-ridge');
    assert.equal(out.steps, 300);
    const [sgd, adam] = out.trajectories;
    assert.equal(adam.path.length, 301);
    assert.equal(sgd.summary.stepWithinTolerance, null, 'SGD with lr 0.01 moves x by 0.001 a step and cannot arrive');
    assert.ok(adam.summary.stepWithinTolerance !== null && adam.summary.stepWithinTolerance > 0, 'Adam arrives within 0.05');
    assert.deepEqual(short.trajectories[1].summary, adam.summary);
  });

  it('refuses bad input with a message naming each field, and exits 1', async () => {
    const { code, stdout, stderr } = await optlab([
      'surface',
      '--surface',
      'saddle',
      '--optimizer',
      '{"type":"adam","lr":1e-3,"beta1":1.2}',
      '--steps',
      'many',
    ]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /surface: unknown surface "saddle"; one of rosenbrock, abs-ridge/);
    assert.match(stderr, /optimizers\.0\.beta1: Invalid beta parameter at index 0: 1\.2/);
    assert.match(stderr, /steps: /);
  });

  it('explains JSON that does not parse and a missing optimizer', async () => {
    const broken = await optlab(['surface', '--surface', 'rosenbrock', '--optimizer', '{type: mas}']);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /--optimizer #1 is not valid JSON/);
    const none = await optlab(['surface', '--surface', 'rosenbrock']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /optimizers: /);
  });
});
