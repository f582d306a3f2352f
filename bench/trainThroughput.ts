/**
 * Training throughput of the two reference models (see bench/peer_torch.py) on every tfjs
 * path available here: plain cpu, wasm (where it can train), cpu + native kernels, webgpu (Dawn on the
 * machine's adapter; a software one, lavapipe, is labelled so).
 *
 *   node --import tsx bench/trainThroughput.ts [--model mlp|cnn|all] [--samples 20000]
 *        [--baseline-samples 2560] [--paths cpu,wasm,native,webgpu] [--threads 1] [--peer]
 *
 * Same protocol as the peer: batch 128, Adam lr 1e-3 (β 0.9/0.999, ε 1e-8), cross-entropy, the
 * first N Fashion-MNIST training images, one warm-up batch, then one timed pass. Prints one JSON
 * line per run and a summary per path; with --peer each round also runs the PyTorch peer (1 thread,
 * a fresh process) and the summary gives the ratios. Round 1 of a path is a cold process for tfjs;
 * later rounds reuse the process (JIT-compiled engine), so `first` is the conservative figure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerFastCpuKernels, unregisterFastCpuKernels } from '../main/fastcpu/registerFastCpuKernels.js';
import { probeWebgpu, useWebgpuBackend } from '../main/backend/webgpuBackend.js';
import { optimizerConfigSchema } from '../shared/config/optimizerConfig.js';
import { modelConfigSchema } from '../shared/config/modelConfig.js';
import { createModel } from '../shared/ml/models/createModel.js';
import type { Model } from '../shared/ml/models/model.js';
import { createOptimizer } from '../shared/ml/optim/createOptimizer.js';

type ModelKind = 'mlp' | 'cnn' | 'resnet';
type PathName = 'cpu' | 'wasm' | 'native' | 'webgpu';

const DATA_DIR = '/usr/share/datasets/fashion-mnist';
/** The PyTorch peer, beside this file. */
const PEER_SCRIPT = join(import.meta.dirname, 'peer_torch.py');
const BATCH = 128;

interface Data {
  x: Float32Array; // [n, 784] in [0, 1]
  y: Int32Array;
}

function readIdx(name: string, offset: number): Uint8Array {
  const path = join(DATA_DIR, name);
  const raw = existsSync(`${path}.gz`) ? gunzipSync(readFileSync(`${path}.gz`)) : readFileSync(path);
  return new Uint8Array(raw.buffer, raw.byteOffset + offset, raw.byteLength - offset);
}

function loadData(samples: number): Data {
  const images = readIdx('train-images-idx3-ubyte', 16);
  const labels = readIdx('train-labels-idx1-ubyte', 8);
  const n = Math.min(samples, labels.length);
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = images[i]! / 255;
  return { x, y: Int32Array.from(labels.subarray(0, n)) };
}

let resnetWidth = 16;

/**
 * The project's own models (shared/ml/models), as a run would build them: the MLP and CNN are the
 * peer's layers; the ResNet is ResNet-18 in its CIFAR form at base width `resnetWidth` (64 = full).
 */
function buildModel(kind: ModelKind): Model {
  const config =
    kind === 'mlp'
      ? { kind, hidden: [256, 128], activation: 'relu' }
      : kind === 'cnn'
        ? { kind, channels: [16, 32] }
        : { kind, depth: 18, width: resnetWidth / 64 };
  return createModel(modelConfigSchema.parse(config), [28, 28, 1], 10, 7);
}

export interface ThroughputResult {
  path: PathName;
  backend: string;
  model: ModelKind;
  samples: number;
  seconds: number;
  samples_per_s: number;
  final_loss: number;
}

async function trainOnce(kind: ModelKind, data: Data, samples: number, path: PathName): Promise<ThroughputResult> {
  const model = buildModel(kind);
  const optimizer = createOptimizer(optimizerConfigSchema.parse({ type: 'adam', lr: 1e-3, eps: 1e-8 }), model.params);
  const vars = model.params.map((p) => p.variable);
  const byVariable = new Map(model.params.map((p) => [p.variable.name, p.name]));
  const n = Math.min(samples, data.y.length);
  // The loss is read each step with `await data()`, as the training loop does (webgpu cannot read synchronously).
  const step = async (start: number, end: number): Promise<number> => {
    const count = end - start;
    const { value, grads } = tf.tidy(() => {
      const x = tf.tensor4d(data.x.subarray(start * 784, end * 784), [count, 28, 28, 1]);
      const labels = tf.oneHot(tf.tensor1d(data.y.subarray(start, end), 'int32'), 10);
      return tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.forward(x, true)) as tf.Scalar, vars);
    });
    // Gradients come keyed by variable name; the optimizer takes them by parameter name.
    optimizer.step(Object.fromEntries(Object.entries(grads).map(([name, g]) => [byVariable.get(name) ?? name, g])));
    const loss = (await value.data())[0]!;
    tf.dispose([value, ...Object.values(grads)]);
    return loss;
  };
  await step(0, Math.min(BATCH, n)); // warm-up
  const t0 = performance.now();
  let loss = Number.NaN;
  for (let i = 0; i < n; i += BATCH) loss = await step(i, Math.min(i + BATCH, n));
  const seconds = (performance.now() - t0) / 1000;
  optimizer.dispose();
  model.dispose();
  return {
    path,
    backend: tf.getBackend(),
    model: kind,
    samples: n,
    seconds: Number(seconds.toFixed(3)),
    samples_per_s: Number((n / seconds).toFixed(1)),
    final_loss: Number(loss.toFixed(4)),
  };
}

/** Whether the webgpu path trains on a software adapter (then it gets the baseline's sample count). */
let softwareAdapter = false;

async function usePath(path: PathName, threads: number, retainFreedMemory: boolean): Promise<string | undefined> {
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
  const registration = registerFastCpuKernels({ threads, retainFreedMemory });
  return registration.ok ? undefined : registration.reason;
}

/** One run of the PyTorch peer (1 thread): samples/s, or undefined (with the reason) when it cannot run. */
function runPeer(kind: 'mlp' | 'cnn', samples: number): number | undefined {
  let out: string;
  try {
    out = execFileSync('/usr/bin/python3', [PEER_SCRIPT, '--model', kind, '--samples', String(samples), '--threads', '1'], { encoding: 'utf8' });
  } catch (error) {
    console.log(`pytorch peer not run (${PEER_SCRIPT}; needs /usr/bin/python3 with python3-torch): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  }
  const line = out.trim().split('\n').pop() ?? '';
  console.log(line);
  return (JSON.parse(line) as { samples_per_s: number }).samples_per_s;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summary(values: number[]): { first: number; best: number; median: number } {
  return { first: values[0]!, best: Math.max(...values), median: Number(median(values).toFixed(1)) };
}

async function main(): Promise<void> {
  const program = new Command()
    .option('--model <kind>', 'mlp, cnn, resnet (ResNet-18, CIFAR form, no peer) or all (mlp and cnn)', 'all')
    .option('--width <n>', 'ResNet-18 base width (64 is the full network)', '16')
    .option('--samples <n>', 'training images for the native path and the peer', '20000')
    .option('--baseline-samples <n>', 'training images for the plain cpu and wasm paths (slow; default mlp 2560, cnn 256, resnet 128)')
    .option('--paths <list>', 'comma-separated: cpu,wasm,native,webgpu', 'cpu,wasm,native,webgpu')
    .option('--threads <n>', 'OpenBLAS threads for the native path', '1')
    .option('--repeat <n>', 'rounds: each runs every path and then the peer (the first, best and median are compared)', '1')
    .option('--no-retain-memory', 'let malloc return freed tensor buffers to the system (native path)')
    .option('--peer', 'also run the PyTorch peer and print ratios', false)
    .parse();
  const opts = program.opts<{
    model: string;
    width: string;
    samples: string;
    baselineSamples?: string;
    paths: string;
    threads: string;
    repeat: string;
    retainMemory: boolean;
    peer: boolean;
  }>();
  const repeat = Math.max(1, Number(opts.repeat));
  resnetWidth = Number(opts.width);
  const models: ModelKind[] = opts.model === 'all' ? ['mlp', 'cnn'] : [opts.model as ModelKind];
  const paths = opts.paths.split(',').map((p) => p.trim()) as PathName[];
  const samples = Number(opts.samples);
  const baselineFor = (kind: ModelKind): number =>
    opts.baselineSamples !== undefined ? Number(opts.baselineSamples) : { mlp: 2560, cnn: 256, resnet: 128 }[kind];
  const data = loadData(Math.max(samples, ...models.map(baselineFor)));
  for (const kind of models) {
    // Rounds alternate every path with the peer, so that a load change on the machine hits both.
    const rates = new Map<string, number[]>();
    const failed = new Set<string>();
    for (let round = 0; round < repeat; round++) {
      for (const path of paths) {
        if (failed.has(path)) continue;
        const unavailable = await usePath(path, Number(opts.threads), opts.retainMemory);
        if (unavailable) {
          console.log(JSON.stringify({ path, model: kind, unavailable }));
          failed.add(path);
          continue;
        }
        try {
          const fast = path === 'native' || (path === 'webgpu' && !softwareAdapter);
          const result = await trainOnce(kind, data, fast ? samples : baselineFor(kind), path);
          if (path === 'webgpu') (result as ThroughputResult & { software?: boolean }).software = softwareAdapter;
          console.log(JSON.stringify({ ...result, round }));
          rates.set(path, [...(rates.get(path) ?? []), result.samples_per_s]);
        } catch (error) {
          console.log(JSON.stringify({ path, model: kind, cannot_train: error instanceof Error ? error.message : String(error) }));
          failed.add(path);
        }
      }
      if (opts.peer && kind !== 'resnet') {
        const peer = runPeer(kind, samples);
        if (peer !== undefined) rates.set('pytorch', [...(rates.get('pytorch') ?? []), peer]);
      }
    }
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
      console.log(JSON.stringify({ model: kind, path, samples_per_s: s, ...(peer ? { pytorch_samples_per_s: summary(peer) } : {}), ...ratio }));
    }
  }
}

await main();
