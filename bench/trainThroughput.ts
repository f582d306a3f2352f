/**
 * Training throughput of the two reference models (see shared/bench/peer_torch.py) on every tfjs
 * path available here: plain cpu, wasm (where it can train), cpu + native kernels.
 *
 *   node --import tsx bench/trainThroughput.ts [--model mlp|cnn|all] [--samples 20000]
 *        [--baseline-samples 2560] [--paths cpu,wasm,native] [--threads 1] [--peer]
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
import { adamConfigSchema } from '../shared/config/optimizerConfig.js';
import type { ModelParam } from '../shared/ml/models/model.js';
import { createOptimizer } from '../shared/ml/optim/createOptimizer.js';

type ModelKind = 'mlp' | 'cnn' | 'resnet';
type PathName = 'cpu' | 'wasm' | 'native';

const DATA_DIR = '/usr/share/datasets/fashion-mnist';
const PEER_SCRIPT = '/work/shared/bench/peer_torch.py';
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

/** PyTorch's default Linear/Conv init: U(−1/√fanIn, 1/√fanIn) for weights and biases. */
function uniformParam(name: string, shape: number[], fanIn: number): ModelParam {
  const bound = 1 / Math.sqrt(fanIn);
  return { name, block: name.split('.')[0]!, variable: tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', 7), true, name) };
}

interface BenchModel {
  params: ModelParam[];
  forward(x: tf.Tensor2D): tf.Tensor;
}

/** Ones/zeros parameter (batch-norm scale and shift). */
function constantParam(name: string, size: number, value: number): ModelParam {
  return { name, block: name.split('.')[0]!, variable: tf.variable(tf.fill([size], value), true, name) };
}

/**
 * ResNet-18 in its CIFAR form (3x3 stem, no stem pooling, stages of two basic blocks at widths
 * w, 2w, 4w, 8w with strides 1, 2, 2, 2, 1x1 projections, batch norm on batch statistics, global
 * average pooling), on 28x28x1 Fashion-MNIST: 28 → 28 → 14 → 7 → 4.
 */
function buildResNet18(width: number): BenchModel {
  const params: ModelParam[] = [];
  const conv = (name: string, k: number, cin: number, cout: number): tf.Variable => {
    const p = uniformParam(`${name}.weight`, [k, k, cin, cout], k * k * cin);
    params.push(p, constantParam(`${name}.bn.gamma`, cout, 1), constantParam(`${name}.bn.beta`, cout, 0));
    return p.variable;
  };
  const byName = () => new Map(params.map((p) => [p.name, p.variable]));
  const convBn = (vars: Map<string, tf.Variable>, name: string, x: tf.Tensor4D, stride: number): tf.Tensor4D => {
    const y = tf.conv2d(x, vars.get(`${name}.weight`) as tf.Tensor4D, stride, 'same');
    const { mean, variance } = tf.moments(y, [0, 1, 2]);
    return tf.batchNorm(y, mean, variance, vars.get(`${name}.bn.beta`), vars.get(`${name}.bn.gamma`), 1e-5) as tf.Tensor4D;
  };
  conv('stem', 3, 1, width);
  const blocks: { name: string; stride: number; projection: boolean }[] = [];
  let cin = width;
  [1, 2, 4, 8].forEach((mult, stage) => {
    const cout = width * mult;
    for (let b = 0; b < 2; b++) {
      const stride = b === 0 && stage > 0 ? 2 : 1;
      const name = `layer${stage + 1}.${b}`;
      conv(`${name}.conv1`, 3, cin, cout);
      conv(`${name}.conv2`, 3, cout, cout);
      const projection = stride !== 1 || cin !== cout;
      if (projection) conv(`${name}.shortcut`, 1, cin, cout);
      blocks.push({ name, stride, projection });
      cin = cout;
    }
  });
  params.push(uniformParam('fc.weight', [cin, 10], cin), uniformParam('fc.bias', [10], cin));
  const vars = byName();
  return {
    params,
    forward: (x) => {
      let h = tf.relu(convBn(vars, 'stem', tf.reshape(x, [-1, 28, 28, 1]) as tf.Tensor4D, 1));
      for (const block of blocks) {
        const a = tf.relu(convBn(vars, `${block.name}.conv1`, h, block.stride));
        const b = convBn(vars, `${block.name}.conv2`, a, 1);
        const shortcut = block.projection ? convBn(vars, `${block.name}.shortcut`, h, block.stride) : h;
        h = tf.relu(tf.add(b, shortcut)) as tf.Tensor4D;
      }
      const pooled = tf.mean(h, [1, 2]) as tf.Tensor2D;
      return tf.add(tf.matMul(pooled, vars.get('fc.weight') as tf.Tensor2D), vars.get('fc.bias')!);
    },
  };
}

let resnetWidth = 16;

function buildModel(kind: ModelKind): BenchModel {
  if (kind === 'resnet') return buildResNet18(resnetWidth);
  if (kind === 'mlp') {
    const params = [
      uniformParam('fc1.weight', [784, 256], 784),
      uniformParam('fc1.bias', [256], 784),
      uniformParam('fc2.weight', [256, 128], 256),
      uniformParam('fc2.bias', [128], 256),
      uniformParam('fc3.weight', [128, 10], 128),
      uniformParam('fc3.bias', [10], 128),
    ];
    const v = params.map((p) => p.variable);
    return {
      params,
      forward: (x) => {
        const h1 = tf.fused.matMul({ a: x, b: v[0] as tf.Tensor2D, bias: v[1], activation: 'relu' });
        const h2 = tf.fused.matMul({ a: h1, b: v[2] as tf.Tensor2D, bias: v[3], activation: 'relu' });
        return tf.fused.matMul({ a: h2, b: v[4] as tf.Tensor2D, bias: v[5] });
      },
    };
  }
  const params = [
    uniformParam('conv1.weight', [3, 3, 1, 16], 9),
    uniformParam('conv1.bias', [16], 9),
    uniformParam('conv2.weight', [3, 3, 16, 32], 144),
    uniformParam('conv2.bias', [32], 144),
    uniformParam('fc.weight', [800, 10], 800),
    uniformParam('fc.bias', [10], 800),
  ];
  const v = params.map((p) => p.variable);
  return {
    params,
    forward: (x) => {
      const img = tf.reshape(x, [-1, 28, 28, 1]) as tf.Tensor4D;
      const c1 = tf.fused.conv2d({ x: img, filter: v[0] as tf.Tensor4D, strides: 1, pad: 'valid', bias: v[1], activation: 'relu' });
      const p1 = tf.maxPool(c1, 2, 2, 'valid');
      const c2 = tf.fused.conv2d({ x: p1, filter: v[2] as tf.Tensor4D, strides: 1, pad: 'valid', bias: v[3], activation: 'relu' });
      const p2 = tf.maxPool(c2, 2, 2, 'valid');
      return tf.fused.matMul({ a: tf.reshape(p2, [-1, 800]) as tf.Tensor2D, b: v[4] as tf.Tensor2D, bias: v[5] });
    },
  };
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

function trainOnce(kind: ModelKind, data: Data, samples: number, path: PathName): ThroughputResult {
  const model = buildModel(kind);
  const optimizer = createOptimizer(adamConfigSchema.parse({ type: 'adam', lr: 1e-3, eps: 1e-8 }), model.params);
  const vars = model.params.map((p) => p.variable);
  const n = Math.min(samples, data.y.length);
  const step = (start: number, end: number): number => {
    const count = end - start;
    const { value, grads } = tf.tidy(() => {
      const x = tf.tensor2d(data.x.subarray(start * 784, end * 784), [count, 784]);
      const labels = tf.oneHot(tf.tensor1d(data.y.subarray(start, end), 'int32'), 10);
      return tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.forward(x)) as tf.Scalar, vars);
    });
    optimizer.step(grads);
    const loss = value.dataSync()[0]!;
    tf.dispose([value, ...Object.values(grads)]);
    return loss;
  };
  step(0, Math.min(BATCH, n)); // warm-up
  const t0 = performance.now();
  let loss = Number.NaN;
  for (let i = 0; i < n; i += BATCH) loss = step(i, Math.min(i + BATCH, n));
  const seconds = (performance.now() - t0) / 1000;
  optimizer.dispose();
  tf.dispose(vars);
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

async function usePath(path: PathName, threads: number, retainFreedMemory: boolean): Promise<string | undefined> {
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

/** One run of the PyTorch peer (1 thread): samples/s, or undefined without the peer script. */
function runPeer(kind: 'mlp' | 'cnn', samples: number): number | undefined {
  if (!existsSync(PEER_SCRIPT)) return undefined;
  const out = execFileSync('/usr/bin/python3', [PEER_SCRIPT, '--model', kind, '--samples', String(samples), '--threads', '1'], {
    encoding: 'utf8',
  });
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

/**
 * tfjs-core's Node bundle has no gradient definitions; the models library registers them (a
 * generated bundle). Loaded by path so that this benchmark does not pin the models' file layout.
 */
async function registerGradients(): Promise<void> {
  const gradientsModule = '../shared/ml/models/gradients/registerTfjsGradients.js';
  await import(gradientsModule);
}

async function main(): Promise<void> {
  await registerGradients();
  const program = new Command()
    .option('--model <kind>', 'mlp, cnn, resnet (ResNet-18, CIFAR form, no peer) or all (mlp and cnn)', 'all')
    .option('--width <n>', 'ResNet-18 base width (64 is the full network)', '16')
    .option('--samples <n>', 'training images for the native path and the peer', '20000')
    .option('--baseline-samples <n>', 'training images for the plain cpu and wasm paths (slow)', '2560')
    .option('--paths <list>', 'comma-separated: cpu,wasm,native', 'cpu,wasm,native')
    .option('--threads <n>', 'OpenBLAS threads for the native path', '1')
    .option('--repeat <n>', 'rounds: each runs every path and then the peer (the first, best and median are compared)', '1')
    .option('--no-retain-memory', 'let malloc return freed tensor buffers to the system (native path)')
    .option('--peer', 'also run the PyTorch peer and print ratios', false)
    .parse();
  const opts = program.opts<{
    model: string;
    width: string;
    samples: string;
    baselineSamples: string;
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
  const baseline = Number(opts.baselineSamples);
  const data = loadData(Math.max(samples, baseline));
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
          const result = trainOnce(kind, data, path === 'native' ? samples : baseline, path);
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
