/**
 * What ε histogram capture costs (seed 003): an MLP trained with Adam on Fashion-MNIST in this
 * process, on the backend a run would get, capturing at the end of every epoch (the default) and,
 * for a steadier number, every `--every-steps` steps as well. Prints the seconds per capture, the
 * epoch time, and capture time as a share of an epoch at the default schedule.
 *
 *   node --import tsx bench/epsilonCapture.ts [--samples 60000] [--epochs 2] [--every-steps 20]
 */
import { Command } from 'commander';
import { loadFastCpuKernels } from '../main/backend/fastCpuKernels.js';
import { selectBackend } from '../main/backend/selectBackend.js';
import { MetricReporter } from '../main/trainingProcess/metricReporter.js';
import { trainRun } from '../main/trainingProcess/trainRun.js';
import { runConfigSchema } from '../shared/config/runConfig.js';
import { metricKeys } from '../shared/runs/runTypes.js';
import type { EpsilonCapture } from '../shared/science/epsilon/epsilonCapture.js';
import type { FromTrainerMessage } from '../shared/training/trainerMessages.js';

const options = new Command()
  .option('--samples <n>', 'training samples per epoch (Fashion-MNIST has 60,000)', '60000')
  .option('--epochs <n>', 'epochs', '2')
  .option('--every-steps <n>', 'also capture every N steps (0: only the default schedule)', '20')
  .option('--data-dir <dir>', 'data folder', 'data')
  .allowUnknownOption()
  .allowExcessArguments()
  .parse()
  .opts<{ samples: string; epochs: string; everySteps: string; dataDir: string }>();

const everySteps = Number(options.everySteps);
const config = runConfigSchema.parse({
  name: 'bench ε capture',
  dataset: { kind: 'fashion-mnist', trainLimit: Number(options.samples), testLimit: 1000 },
  model: { kind: 'mlp' },
  optimizer: { type: 'adam', lr: 0.001, eps: 1e-8 },
  training: { epochs: Number(options.epochs), batchSize: 128, seed: 0 },
  epsilonCapture: everySteps > 0 ? { everySteps } : {},
});

const backend = await selectBackend({ needs: { convolutions: false }, choice: config.training.device, fastCpu: loadFastCpuKernels });
const captures: EpsilonCapture[] = [];
const samplesPerSecond: number[] = [];
const reporter = new MetricReporter((message: FromTrainerMessage) => {
  if (message.type === 'epsilon-capture') captures.push(message.capture);
  if (message.type === 'metrics') for (const p of message.points) if (p.key === metricKeys.samplesPerSecond) samplesPerSecond.push(p.value);
});
await trainRun({ config, dataDir: options.dataDir, reporter, isCancelled: () => false });
reporter.flush();

// Fashion-MNIST has 60,000 training images.
const trainCount = Math.min(Number(options.samples), 60_000);
const epochSeconds = samplesPerSecond.map((s) => trainCount / s);
const perCapture = captures.map((c) => c.seconds);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const parameters = captures[0]?.layers.reduce((s, l) => s + l.count, 0) ?? 0;
const steps = Math.ceil(trainCount / config.training.batchSize);
// The default schedule captures once per epoch; extra step captures only steady the per-capture mean.
const captureMean = mean(perCapture);
const epochWithoutCaptures = mean(epochSeconds) - (captures.length * captureMean) / config.training.epochs;
console.log(`backend ${backend.backend} (${backend.device}); MLP ${parameters.toLocaleString('en')} parameters in ${captures[0]?.layers.length ?? 0} tensors; ${steps} steps per epoch`);
console.log(`captures: ${captures.length}, ${(captureMean * 1000).toFixed(1)} ms each (min ${(Math.min(...perCapture) * 1000).toFixed(1)}, max ${(Math.max(...perCapture) * 1000).toFixed(1)})`);
console.log(`epoch: ${epochWithoutCaptures.toFixed(2)} s without captures`);
console.log(`default schedule (1 capture per epoch): ${((100 * captureMean) / epochWithoutCaptures).toFixed(2)} % of an epoch`);
if (everySteps > 0) console.log(`every ${everySteps} steps as well: ${((100 * (captures.length / config.training.epochs) * captureMean) / epochWithoutCaptures).toFixed(2)} % of an epoch`);
