/**
 * Training-process start time: from launching a run's process (child_process.fork, as browser mode
 * and the CLI do) to its `started` message, i.e. loading the training code (models, optimizers, tfjs
 * and its gradient registrations) and picking the backend. Two programs, launched alternately: the
 * bundle the launcher runs (dist/trainingProcess/, see main/runs/nodeBundle.ts) and the same entry's
 * sources through tsx (the fallback when it cannot be bundled). Median of `--repeat N` launches each
 * (default 7), after one warm-up launch of each; each process is killed once it has started.
 */
import { performance } from 'node:perf_hooks';
import { ChildProcessLauncher } from '../main/runs/childProcessLauncher.js';
import { trainingProcessBundle } from '../main/runs/nodeBundle.js';
import { runConfigSchema } from '../shared/config/runConfig.js';

const repeatIndex = process.argv.indexOf('--repeat');
const repeat = repeatIndex >= 0 ? Number(process.argv[repeatIndex + 1]) : 7;
const config = runConfigSchema.parse({
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'sgd', lr: 1e-4 },
  training: { epochs: 1, stepsPerEpoch: 1 },
});
const bundled = new ChildProcessLauncher({ maxOldSpaceSizeMb: 1024 });
if (bundled.program().throughTsx) throw new Error('the training process could not be bundled (see the warning above)');
const programs = [
  { name: 'bundled (dist/trainingProcess/trainingProcess.cjs)', launcher: bundled },
  { name: 'sources through tsx', launcher: new ChildProcessLauncher({ maxOldSpaceSizeMb: 1024, entry: trainingProcessBundle.entry }) },
];

function startOnce(launcher: ChildProcessLauncher): Promise<number> {
  return new Promise((resolve, reject) => {
    const begin = performance.now();
    const handle = launcher.launch();
    let startedAfter: number | null = null;
    handle.onMessage((message) => {
      if (message.type === 'started' && startedAfter === null) {
        startedAfter = performance.now() - begin;
        handle.kill();
      }
    });
    handle.onExit(() => (startedAfter === null ? reject(new Error(`the training process ended before it started: ${handle.diagnostics()}`)) : resolve(startedAfter)));
    handle.send({ type: 'start', runId: 1, config, dataDir: process.cwd() });
  });
}

for (const { launcher } of programs) await startOnce(launcher);
const times = programs.map((): number[] => []);
for (let i = 0; i < repeat; i++) for (const [p, { launcher }] of programs.entries()) times[p].push(await startOnce(launcher));
for (const [p, { name }] of programs.entries()) {
  const sorted = times[p].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`training process start (fork → started), ${name}, median of ${repeat}: ${median.toFixed(0)} ms (min ${sorted[0].toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)})`);
}
