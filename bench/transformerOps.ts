/**
 * The transformer models' own kernels on the cpu + native path against PyTorch on the same shapes:
 * layer norm and exact GELU, forward + backward, beside the dense layer they follow (the matrix
 * product is OpenBLAS on both sides), at BERT-base's sizes (batch 16 × 128 tokens, hidden 768,
 * intermediate 3072) and 1 thread.
 *
 *   node --import tsx bench/transformerOps.ts [--rows 2048] [--repeat 5] [--no-peer]
 *
 * Prints one JSON line per op with the median milliseconds of a forward + backward pass (gradients
 * of every input for a fixed upstream gradient; the models'
 * ops, native kernels where registered, and for layer norm and GELU also their tfjs op compositions),
 * then a Markdown table with PyTorch's median (bench/peer_transformer_ops.py, torch.set_num_threads(1)).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerFastCpuKernels } from '../main/fastcpu/registerFastCpuKernels.js';
import '../shared/ml/models/gradients/registerTfjsGradients.js';
import { gelu, geluReference } from '../shared/ml/models/layers/gelu.js';
import { layerNormOp, layerNormReference } from '../shared/ml/models/layers/layerNorm.js';

const opts = new Command().option('--rows <n>', 'rows (batch × tokens)', '2048').option('--repeat <n>', 'timed repetitions', '5').option('--no-peer', 'skip PyTorch').parse().opts();
const rows = Number(opts.rows);
const repeat = Number(opts.repeat);
const hidden = 768;
const intermediate = 3072;

await tf.setBackend('cpu');
const registration = registerFastCpuKernels({ threads: 1 });
if (!registration.ok) console.log(JSON.stringify({ note: `native kernels unavailable: ${registration.reason}` }));

const random = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
const x = tf.variable(random([rows, hidden], 1));
const gamma = tf.variable(tf.add(random([hidden], 2), 1));
const beta = tf.variable(random([hidden], 3));
const h = tf.variable(random([rows, intermediate], 4));
const w = tf.variable(tf.mul(random([hidden, intermediate], 5), 1 / Math.sqrt(hidden)));
const b = tf.variable(tf.zeros([intermediate]));

/**
 * Median milliseconds of f's value and its gradients for every input given a fixed upstream
 * gradient dy (as inside a model, where dy comes from the next layer), after one warm-up.
 */
function time(f: (...inputs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[]): number {
  const dy = tf.tidy(() => tf.randomNormal(f(...inputs).shape, 0, 1, 'float32', 7));
  const grads = tf.grads(f);
  const once = () =>
    tf.tidy(() => {
      const gs = grads(inputs, dy);
      return gs.map((g) => g.dataSync().length);
    });
  once();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  dy.dispose();
  return times.sort((p, q) => p - q)[Math.floor(times.length / 2)]!;
}

const ours: Record<string, number> = {
  layer_norm: time((v, g, c) => layerNormOp(v!, g!, c!, 1e-12), [x, gamma, beta]),
  gelu: time((v) => gelu(v!), [h]),
  dense: time((v, m, c) => tf.fused.matMul({ a: v as tf.Tensor2D, b: m as tf.Tensor2D, bias: c }), [x, w, b]),
};
/** The same ops as tfjs op compositions with written-out gradients (the path without the fused native kernels). */
const composed: Record<string, number> = {
  layer_norm: time((v, g, c) => layerNormReference(v!, g!, c!, 1e-12), [x, gamma, beta]),
  gelu: time((v) => geluReference(v!), [h]),
};
for (const [op, ms] of Object.entries(ours)) console.log(JSON.stringify({ path: `cpu+native`, op, rows, ms: Number(ms.toFixed(2)), load: loadavg()[0] }));
for (const [op, ms] of Object.entries(composed)) console.log(JSON.stringify({ path: `cpu+native, tfjs ops`, op, rows, ms: Number(ms.toFixed(2)), load: loadavg()[0] }));

let peer: Record<string, number> | undefined;
if (opts.peer) {
  try {
    const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'peer_transformer_ops.py'), String(rows), String(repeat)], { encoding: 'utf8' });
    peer = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    for (const [op, ms] of Object.entries(peer)) console.log(JSON.stringify({ path: 'pytorch', op, rows, ms, load: loadavg()[0] }));
  } catch (error) {
    console.log(JSON.stringify({ note: `PyTorch peer unavailable: ${(error as Error).message.split('\n')[0]}` }));
  }
}
console.log(`\n| op (forward + backward for a fixed dy, ${rows} rows, 1 thread) | tfjs ops ms | cpu+native ms | PyTorch ms | ratio to PyTorch |\n| --- | --- | --- | --- | --- |`);
for (const [op, ms] of Object.entries(ours)) {
  const theirs = peer?.[op];
  console.log(`| ${op} | ${composed[op]?.toFixed(2) ?? '—'} | ${ms.toFixed(2)} | ${theirs?.toFixed(2) ?? '—'} | ${theirs ? (ms / theirs).toFixed(2) : '—'} |`);
}
