/**
 * Training throughput of the MLP, the CNN and ResNet-18 (CIFAR form) on the tfjs paths available
 * here (cpu + native kernels by default; plain cpu, wasm and webgpu with --paths), side by side
 * with their PyTorch twins (bench/peer_torch.py) started from the same initial weights.
 *
 *   node --import tsx bench/trainThroughput.ts [--model mlp,cnn,resnet|all] [--threads 1,all]
 *        [--samples 20000] [--resnet-samples 256] [--width 64] [--repeat 2] [--split blas:native]
 *        [--paths native,webgpu,cpu,wasm] [--no-peer]
 *
 * Same protocol on both sides: batch 128, Adam lr 1e-3 (β 0.9/0.999, ε 1e-8), cross-entropy, the
 * first N Fashion-MNIST training images in order, --warmup untimed training steps on the first
 * batches (default 10 for the MLP and the CNN, whose passes last seconds, so a cold JIT would weigh
 * on one side only; 1 for ResNet-18, whose steps take seconds; both sides train them, so the timed
 * pass starts from the same weights), then one timed pass. For each
 * model and thread count, rounds alternate the paths and the peer (a fresh Python process), so a
 * change of the machine's load hits both sides; each line carries the load average. Prints one JSON
 * line per run, a summary per path (first, best, median; ratios to the peer, also of samples per CPU
 * second, which other processes on the machine move least) and a Markdown table of
 * the medians with both final losses. Round 1 of a path is a cold engine for tfjs; later rounds reuse
 * the process (JIT-compiled), so `first` is the conservative figure. The last line names the
 * OpenBLAS kernels each side ran: where the environment pins them (OPENBLAS_CORETYPE,
 * OPENBLAS_L2_SIZE), `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE` in front of the command lets
 * OpenBLAS choose for this CPU on both sides.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadNativeAddon } from '../main/fastcpu/loadNativeAddon.js';
import { registerFastCpuKernels, unregisterFastCpuKernels } from '../main/fastcpu/registerFastCpuKernels.js';
import { probeWebgpu, useWebgpuBackend } from '../main/backend/webgpuBackend.js';
import { type BenchData, type BenchModelKind, benchOptimizer, buildBenchModel, loadBenchData, trainStepFunction } from './support/benchTraining.js';

type ModelKind = BenchModelKind;
type ThreadOptions = { threads: number; blasThreads?: number; nativeThreads?: number };
type PathName = 'cpu' | 'wasm' | 'native' | 'webgpu';

/** The PyTorch peer, beside this file. */
const PEER_SCRIPT = join(import.meta.dirname, 'peer_torch.py');
const BATCH = 128;

export interface ThroughputResult {
  path: PathName;
  backend: string;
  model: ModelKind;
  samples: number;
  seconds: number;
  samples_per_s: number;
  /** CPU time of the process over the pass (all threads; less moved by other processes than wall time). */
  cpu_seconds: number;
  samples_per_cpu_s: number;
  /** The warm-up batch's loss, of the initial weights (the same forward on both sides). */
  first_loss: number;
  final_loss: number;
}

let resnetWidth = 64;

/** Untimed training steps on batches 0, 1, … before the timed pass (the peer takes the same); undefined: per model. */
let warmupOption: number | undefined;
const warmupFor = (kind: ModelKind): number => warmupOption ?? (kind === 'resnet' ? 1 : 10);

async function trainOnce(kind: ModelKind, data: BenchData, samples: number, path: PathName): Promise<ThroughputResult> {
  const model = buildBenchModel(kind, resnetWidth);
  const optimizer = benchOptimizer(model);
  const n = Math.min(samples, data.y.length);
  const step = trainStepFunction(model, data, optimizer);
  // Warm-up: the first batch's loss is that of the initial weights (the same forward on both sides).
  const firstLoss = await step(0, Math.min(BATCH, n));
  for (let w = 1; w < warmupFor(kind); w++) {
    const start = (w * BATCH) % n;
    await step(start, Math.min(start + BATCH, n));
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let loss = Number.NaN;
  for (let i = 0; i < n; i += BATCH) loss = await step(i, Math.min(i + BATCH, n));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  optimizer.dispose();
  model.dispose();
  return {
    path,
    backend: tf.getBackend(),
    model: kind,
    samples: n,
    seconds: Number(seconds.toFixed(3)),
    samples_per_s: Number((n / seconds).toFixed(1)),
    cpu_seconds: Number(cpuSeconds.toFixed(3)),
    samples_per_cpu_s: Number((n / cpuSeconds).toFixed(1)),
    first_loss: Number(firstLoss.toFixed(6)),
    final_loss: Number(loss.toFixed(4)),
  };
}

/** Whether the webgpu path trains on a software adapter (then it gets the baseline's sample count). */
let softwareAdapter = false;

async function usePath(path: PathName, threads: ThreadOptions, retainFreedMemory: boolean): Promise<string | undefined> {
  if (path === 'webgpu') {
    const probe = await probeWebgpu();
    if (!probe.ok) return probe.reason;
    softwareAdapter = probe.info.software;
    console.log(JSON.stringify({ path, adapter: probe.info }));
    return (await useWebgpuBackend(probe)) ?? undefined;
  }
  if (path === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend('wasm'))) return 'wasm backend failed to initialise';
    return undefined;
  }
  await tf.setBackend('cpu');
  if (path === 'cpu') {
    unregisterFastCpuKernels();
    return undefined;
  }
  const registration = registerFastCpuKernels({ ...threads, retainFreedMemory });
  if (!registration.ok) return registration.reason;
  const loaded = loadNativeAddon();
  if (loaded.ok) blasCores.native = loaded.addon.blasConfig();
  return undefined;
}

/**
 * The OpenBLAS kernel set each side runs (OPENBLAS_CORETYPE where it is set, else OpenBLAS's own
 * choice for this CPU): the same library serves both, and on AVX-512 processors the kernels differ
 * in speed by up to 1.7× (docs/perf.md).
 */
const blasCores: { native?: string; pytorch?: string } = {};

/** One run of the PyTorch peer from the same initial weights: its result, or undefined (with the reason) when it cannot run. */
function runPeer(kind: ModelKind, samples: number, threads: number, init: string): { samples_per_s: number; samples_per_cpu_s: number; first_loss: number; final_loss: number } | undefined {
  let out: string;
  try {
    const args = [PEER_SCRIPT, '--model', kind, '--samples', String(samples), '--threads', String(threads), '--width', String(resnetWidth), '--warmup', String(warmupFor(kind)), '--init', init];
    out = execFileSync('/usr/bin/python3', args, { encoding: 'utf8' });
  } catch (error) {
    console.log(`pytorch peer not run (${PEER_SCRIPT}; needs /usr/bin/python3 with python3-torch): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
  const line = out.trim().split('\n').pop() ?? '';
  console.log(line);
  const result = JSON.parse(line) as { samples_per_s: number; samples_per_cpu_s: number; first_loss: number; final_loss: number; blas_core?: string | null };
  if (result.blas_core) blasCores.pytorch = result.blas_core;
  return result;
}

/** The model's initial weights as the peer reads them (`<dir>/<kind>.json` manifest + `.bin` float32). */
function writeInitialWeights(kind: ModelKind, dir: string): string {
  const model = buildBenchModel(kind, resnetWidth);
  const params: { name: string; shape: number[]; offset: number }[] = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const p of model.params) {
    const values = p.variable.dataSync() as Float32Array;
    params.push({ name: p.name, shape: [...p.variable.shape], offset });
    chunks.push(Float32Array.from(values));
    offset += values.length;
  }
  model.dispose();
  const blob = new Float32Array(offset);
  let at = 0;
  for (const c of chunks) {
    blob.set(c, at);
    at += c.length;
  }
  const manifest = join(dir, `${kind}.json`);
  writeFileSync(join(dir, `${kind}.bin`), Buffer.from(blob.buffer));
  writeFileSync(manifest, JSON.stringify({ params }));
  return manifest;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summary(values: number[]): { first: number; best: number; median: number } {
  return { first: values[0]!, best: Math.max(...values), median: Number(median(values).toFixed(1)) };
}

function loadAverage(): string {
  return loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
}

async function main(): Promise<void> {
  const program = new Command()
    .option('--model <kinds>', 'comma-separated: mlp, cnn, resnet (ResNet-18, CIFAR form), or all', 'all')
    .option('--width <n>', 'ResNet-18 base width (64 is the full network)', '64')
    .option('--samples <n>', 'training images for the MLP and the CNN (native path and peer)', '20000')
    .option('--resnet-samples <n>', 'training images for ResNet-18', '256')
    .option('--baseline-samples <n>', 'training images for the plain cpu and wasm paths (slow; default mlp 2560, cnn 256, resnet 128)')
    .option('--paths <list>', 'comma-separated: cpu,wasm,native,webgpu', 'native')
    .option('--split <blas:native>', 'threads of OpenBLAS and of the native pool (default: OpenBLAS 1, the pool the run\'s thread count; the pool then splits each sgemm)')
    .option('--threads <list>', `thread counts, comma-separated ('all' = this machine's ${availableParallelism()} cores)`, '1,all')
    .option('--warmup <batches>', 'untimed training steps before the timed pass, on both sides (at least 1; default 10, ResNet-18 1)')
    .option('--repeat <n>', 'rounds: each runs every path and then the peer (the first, best and median are compared)', '2')
    .option('--no-retain-memory', 'let malloc return freed tensor buffers to the system (native path)')
    .option('--peer', 'run the PyTorch peer (the default)')
    .option('--no-peer', 'leave out the PyTorch peer')
    .parse();
  const opts = program.opts<{
    model: string;
    width: string;
    samples: string;
    resnetSamples: string;
    baselineSamples?: string;
    paths: string;
    threads: string;
    repeat: string;
    warmup?: string;
    retainMemory: boolean;
    peer?: boolean;
    split?: string;
  }>();
  const split = opts.split?.split(':').map(Number);
  const repeat = Math.max(1, Number(opts.repeat));
  resnetWidth = Number(opts.width);
  if (opts.warmup !== undefined) {
    warmupOption = Math.max(1, Math.floor(Number(opts.warmup)));
    if (!Number.isFinite(warmupOption)) throw new Error(`--warmup must be a number of batches, got '${opts.warmup}'`);
  }
  const models: ModelKind[] = opts.model === 'all' ? ['mlp', 'cnn', 'resnet'] : (opts.model.split(',').map((m) => m.trim()) as ModelKind[]);
  const paths = opts.paths.split(',').map((p) => p.trim()) as PathName[];
  const threadCounts = [...new Set(opts.threads.split(',').map((t) => (t.trim() === 'all' ? availableParallelism() : Math.max(1, Number(t)))))];
  const samplesFor = (kind: ModelKind): number => (kind === 'resnet' ? Number(opts.resnetSamples) : Number(opts.samples));
  const baselineFor = (kind: ModelKind): number =>
    opts.baselineSamples !== undefined ? Number(opts.baselineSamples) : { mlp: 2560, cnn: 256, resnet: 128 }[kind];
  const data = loadBenchData(Math.max(...models.map(samplesFor), ...models.map(baselineFor)));
  const initDir = mkdtempSync(join(tmpdir(), 'optlab-bench-'));
  const table: string[] = [];
  try {
    for (const kind of models) {
      const init = opts.peer !== false ? writeInitialWeights(kind, initDir) : '';
      for (const threads of threadCounts) {
        // Rounds alternate every path with the peer, so that a load change on the machine hits both.
        const rates = new Map<string, number[]>();
        const cpuRates = new Map<string, number[]>();
        const losses = new Map<string, number>();
        const firstLosses = new Map<string, number>();
        const failed = new Set<string>();
        const loads: string[] = [];
        for (let round = 0; round < repeat; round++) {
          loads.push(loadAverage());
          for (const path of paths) {
            if (failed.has(path)) continue;
            const unavailable = await usePath(path, { threads, blasThreads: split?.[0], nativeThreads: split?.[1] }, opts.retainMemory);
            if (unavailable) {
              console.log(JSON.stringify({ path, model: kind, unavailable }));
              failed.add(path);
              continue;
            }
            try {
              const fast = path === 'native' || (path === 'webgpu' && !softwareAdapter);
              const result = await trainOnce(kind, data, fast ? samplesFor(kind) : baselineFor(kind), path);
              if (path === 'webgpu') (result as ThroughputResult & { software?: boolean }).software = softwareAdapter;
              console.log(JSON.stringify({ ...result, threads, warmup: warmupFor(kind), round, load: loadAverage() }));
              rates.set(path, [...(rates.get(path) ?? []), result.samples_per_s]);
              cpuRates.set(path, [...(cpuRates.get(path) ?? []), result.samples_per_cpu_s]);
              losses.set(path, result.final_loss);
              firstLosses.set(path, result.first_loss);
            } catch (error) {
              console.log(JSON.stringify({ path, model: kind, cannot_train: error instanceof Error ? error.message : String(error) }));
              failed.add(path);
            }
          }
          if (opts.peer !== false) {
            const peer = runPeer(kind, samplesFor(kind), threads, init);
            if (peer !== undefined) {
              rates.set('pytorch', [...(rates.get('pytorch') ?? []), peer.samples_per_s]);
              cpuRates.set('pytorch', [...(cpuRates.get('pytorch') ?? []), peer.samples_per_cpu_s]);
              losses.set('pytorch', peer.final_loss);
              firstLosses.set('pytorch', peer.first_loss);
            }
          }
        }
        loads.push(loadAverage());
        const peer = rates.get('pytorch');
        for (const [path, values] of rates) {
          if (path === 'pytorch') continue;
          const s = summary(values);
          const ratio = peer
            ? {
                ratio_first: Number((s.first / peer[0]!).toFixed(3)),
                ratio_best: Number((s.best / Math.max(...peer)).toFixed(3)),
                ratio_median: Number((s.median / median(peer)).toFixed(3)),
              }
            : {};
          // Samples per CPU second: the ratio that other processes on the machine move least.
          const cpuPeer = cpuRates.get('pytorch');
          const cpuRatio = cpuPeer && cpuPeer.length > 0 ? Number((median(cpuRates.get(path) ?? []) / median(cpuPeer)).toFixed(3)) : undefined;
          const peerSummary = peer ? { pytorch_samples_per_s: summary(peer), pytorch_final_loss: losses.get('pytorch') } : {};
          console.log(JSON.stringify({ model: kind, path, threads, samples_per_s: s, final_loss: losses.get(path), ...peerSummary, ...ratio, cpu_time_ratio_median: cpuRatio, load: loads }));
          if (peer) {
            table.push(
              `| ${kind} | ${threads} | ${s.median} | ${summary(peer).median} | ${ratio.ratio_median} | ${cpuRatio ?? '—'} | ${losses.get(path)?.toFixed(3)} / ${losses.get('pytorch')?.toFixed(3)} | ${firstLosses.get(path)?.toFixed(6)} / ${firstLosses.get('pytorch')?.toFixed(6)} | ${loads.join(' → ')} |`,
            );
          }
        }
      }
    }
  } finally {
    rmSync(initDir, { recursive: true, force: true });
  }
  if (table.length > 0) {
    console.log('\n| model | threads | tfjs cpu + native (median samples/s) | PyTorch (median) | ratio | ratio of samples per CPU second | final loss native / PyTorch | first batch’s loss (initial weights) native / PyTorch | load average (1, 5, 15 min) per round |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |');
    for (const row of table) console.log(row);
  }
  console.log(`\nOpenBLAS: tfjs side ${blasCores.native ?? '—'}; PyTorch side ${blasCores.pytorch ?? '—'}${process.env.OPENBLAS_CORETYPE ? ` (OPENBLAS_CORETYPE=${process.env.OPENBLAS_CORETYPE} in the environment)` : ''}`);
}

await main();
