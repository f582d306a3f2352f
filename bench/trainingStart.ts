/**
 * Training-process start time: from launching a run's process (child_process.fork through tsx, as
 * browser mode and the CLI do) to its `started` message, i.e. loading the training code (models,
 * optimizers, tfjs and its gradient registrations) and picking the backend. Median of `--repeat N`
 * launches (default 7), after one warm-up launch; each process is cancelled once it has started.
 */
import { performance } from 'node:perf_hooks';
import { ChildProcessLauncher } from '../main/runs/childProcessLauncher.js';
import { runConfigSchema } from '../shared/config/runConfig.js';

const repeatIndex = process.argv.indexOf('--repeat');
const repeat = repeatIndex >= 0 ? Number(process.argv[repeatIndex + 1]) : 7;
const config = runConfigSchema.parse({
  dataset: { kind: 'surface', surface: 'rosenbrock' },
  model: { kind: 'point' },
  optimizer: { type: 'sgd', lr: 1e-4 },
  training: { epochs: 1, stepsPerEpoch: 1 },
});
const launcher = new ChildProcessLauncher({ maxOldSpaceSizeMb: 1024 });

function startOnce(): Promise<number> {
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
    handle.onExit(() => (startedAfter === null ? reject(new Error('the training process ended before it started')) : resolve(startedAfter)));
    handle.send({ type: 'start', runId: 1, config, dataDir: process.cwd() });
  });
}

await startOnce();
const times: number[] = [];
for (let i = 0; i < repeat; i++) times.push(await startOnce());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`training process start (fork → started), median of ${repeat}: ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`);
