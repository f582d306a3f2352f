import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { optlab as optlabCommand } from '../../support/optlabCli.js';
import { tempDirForSuite } from '../../support/tempDir.js';

const dir = tempDirForSuite('experiment-cli');
const optlab = (args: string[]) => optlabCommand(args, { dataDir: dir });

const experiment = {
  name: 'CLI λ sweep',
  base: {
    dataset: { kind: 'surface', surface: 'abs-ridge' },
    model: { kind: 'point' },
    optimizer: { type: 'mas', lr: 0.01, lambdaAdam: 0.5, lambdaSgd: 0.5 },
    training: { epochs: 2, stepsPerEpoch: 10 },
  },
  sweep: { axes: [{ path: 'optimizer.lambdaAdam', values: [0.25, 0.75] }], linked: [{ path: 'optimizer.lambdaSgd', from: 'optimizer.lambdaAdam', scale: -1, offset: 1 }] },
  trials: { seeds: [3, 4] },
};

test('optlab experiment run / export table / export experiment / import', { timeout: 240_000 }, async () => {
  const file = path.join(dir, 'experiment.json');
  writeFileSync(file, JSON.stringify(experiment));
  const source = path.join(dir, 'source.db');
  const target = path.join(dir, 'target.db');

  const dry = await optlab(['--db', source, 'experiment', 'run', file, '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /2 setting\(s\) × 2 seed\(s\) = 4 run\(s\)/);
  assert.match(dry.stdout, /CLI λ sweep · lambdaAdam=0\.75, lambdaSgd=0\.25 · seed 4/);

  const ran = await optlab(['--db', source, 'experiment', 'run', file, '--concurrency', '2']);
  assert.equal(ran.code, 0, ran.stderr + ran.stdout);
  assert.equal(ran.stdout.match(/ completed /g)?.length, 4);

  const latex = await optlab(['--db', source, 'export', 'table', '--experiment', '1', '--format', 'latex', '--metric', 'train/loss', '--of', 'final', '--stats', 'mean,max']);
  assert.equal(latex.code, 0, latex.stderr);
  assert.match(latex.stdout, /^Name & \$\\lambda_a\$ & \$\\lambda_s\$ & n & train\/loss final mean & train\/loss final max \\\\$/m);
  assert.match(latex.stdout, /\\textbf\{/);

  const bundle = path.join(dir, 'bundle.json');
  const exported = await optlab(['--db', source, 'export', 'experiment', '1', '-o', bundle]);
  assert.equal(exported.code, 0, exported.stderr);
  const imported = await optlab(['--db', target, 'import', bundle]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /imported experiment 1 "CLI λ sweep" with runs 1, 2, 3, 4/);
  const csv = async (db: string) => (await optlab(['--db', db, 'export', 'table', '--experiment', '1', '--format', 'csv'])).stdout;
  assert.equal(await csv(target), await csv(source));

  const broken = JSON.parse(readFileSync(bundle, 'utf8')) as { runs: { metrics: { step: number[] }[] }[] };
  broken.runs[1].metrics[0].step.pop();
  writeFileSync(bundle, JSON.stringify(broken));
  const refused = await optlab(['--db', target, 'import', bundle]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Invalid experiment file/);
  assert.match(refused.stderr, /runs\.1\.metrics\.0\.epoch: series .* has \d+ epoch values for \d+ steps/);
  const listed = await optlab(['--db', target, 'experiment', 'list']);
  assert.equal(listed.stdout.trim().split('\n').length, 1, 'nothing was added');
});
