/**
 * Where one training step goes on the cpu + native path: per kernel (calls, milliseconds, share of
 * the step) over warm steps, the time inside kernels that call sgemm (matmuls, convolutions and
 * their gradients) against every other kernel, and what is spent outside any kernel (the engine's
 * dispatch, the gradient tape, JavaScript between ops).
 *
 *   node --import tsx bench/stepProfile.ts [--model mlp|cnn|resnet] [--width 64] [--steps 10] [--threads 1]
 *
 * Same models, data, batch (128) and optimizer (Adam 1e-3) as bench/trainThroughput.ts.
 */
import { Command } from 'commander';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerFastCpuKernels } from '../main/fastcpu/registerFastCpuKernels.js';
import { buildBenchModel, type BenchModelKind, loadBenchData, trainStepFunction } from './support/benchTraining.js';

/** Kernels whose time is mostly cblas_sgemm on this path. */
const SGEMM_KERNELS = new Set([
  'BatchMatMul',
  '_FusedMatMul',
  'Conv2D',
  'FusedConv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'OptlabDense',
  'OptlabDenseGrad',
  'OptlabConv2D',
  'OptlabConv2DGrad',
]);

async function main(): Promise<void> {
  const opts = new Command()
    .option('--model <kind>', 'mlp, cnn or resnet', 'mlp')
    .option('--width <n>', 'ResNet-18 base width (64 = full)', '64')
    .option('--steps <n>', 'profiled steps (after two warm-up steps)', '10')
    .option('--threads <n>', 'threads for OpenBLAS and the native loops', '1')
    // `npm run bench -- …` passes every benchmark the same arguments.
    .allowUnknownOption()
    .parse()
    .opts<{ model: BenchModelKind; width: string; steps: string; threads: string }>();
  await tf.setBackend('cpu');
  const registration = registerFastCpuKernels({ threads: Number(opts.threads) });
  if (!registration.ok) throw new Error(registration.reason);
  const steps = Number(opts.steps);
  const data = loadBenchData(128 * (steps + 2));
  const model = buildBenchModel(opts.model, Number(opts.width));
  const step = trainStepFunction(model, data);
  await step(0, 128);
  await step(128, 256);
  const byKernel = new Map<string, { calls: number; ms: number }>();
  let wall = 0;
  for (let s = 0; s < steps; s++) {
    const start = (s + 2) * 128;
    const t0 = performance.now();
    const info = await tf.profile(async () => {
      await step(start, start + 128);
    });
    wall += performance.now() - t0;
    for (const k of info.kernels) {
      const entry = byKernel.get(k.name) ?? { calls: 0, ms: 0 };
      entry.calls += 1;
      entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      byKernel.set(k.name, entry);
    }
  }
  const perStep = (ms: number): number => ms / steps;
  const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
  // `name__op` entries are custom-gradient ops (tf.customGrad) whose time includes the kernels they
  // run, which are listed themselves: they are shown but not added up.
  const counted = rows.filter(([name]) => !name.endsWith('__op'));
  const kernelMs = counted.reduce((sum, [, e]) => sum + e.ms, 0);
  const sgemmMs = rows.filter(([name]) => SGEMM_KERNELS.has(name)).reduce((sum, [, e]) => sum + e.ms, 0);
  const stepMs = perStep(wall);
  console.log(`${opts.model}${opts.model === 'resnet' ? ` width ${opts.width}` : ''}, ${opts.threads} thread(s), ${steps} steps`);
  console.log(`step ${stepMs.toFixed(2)} ms (profiled; tf.profile adds its own cost), ${counted.reduce((n, [, e]) => n + e.calls, 0) / steps} kernel calls`);
  console.log(`  sgemm kernels  ${perStep(sgemmMs).toFixed(2)} ms (${((100 * sgemmMs) / wall).toFixed(0)} %)`);
  console.log(`  other kernels  ${perStep(kernelMs - sgemmMs).toFixed(2)} ms (${((100 * (kernelMs - sgemmMs)) / wall).toFixed(0)} %)`);
  console.log(`  outside kernels ${perStep(wall - kernelMs).toFixed(2)} ms (${((100 * (wall - kernelMs)) / wall).toFixed(0)} %)`);
  console.log('kernel                      calls/step   ms/step   share');
  for (const [name, e] of rows) {
    console.log(`${(name.endsWith('__op') ? `(${name})` : name).padEnd(28)}${(e.calls / steps).toFixed(0).padStart(10)}${perStep(e.ms).toFixed(3).padStart(10)}${((100 * e.ms) / wall).toFixed(1).padStart(7)} %`);
  }
  console.log(JSON.stringify({ model: opts.model, threads: Number(opts.threads), kernel_calls: counted.reduce((n, [, e]) => n + e.calls, 0) / steps, step_ms: stepMs, sgemm_ms: perStep(sgemmMs), other_kernels_ms: perStep(kernelMs - sgemmMs), outside_ms: perStep(wall - kernelMs) }));
  model.dispose();
}

await main();
