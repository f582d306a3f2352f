/**
 * EfficientNetV2-S's depthwise 3×3 convolution on cpu + native against the tfjs cpu kernels and
 * PyTorch, forward + backward (input and filter gradients), 1 thread, NHWC (PyTorch: NCHW,
 * groups = channels), at the MBConv stages' sizes for a 224 × 224 input.
 *
 *   node --import tsx bench/depthwiseConv.ts [--batch 8] [--repeat 5] [--no-peer]
 *
 * Prints one JSON line per case and path with the median milliseconds, then a Markdown table with
 * PyTorch's median (bench/peer_depthwise_conv.py, torch.set_num_threads(1)).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerFastCpuKernels, unregisterFastCpuKernels } from '../main/fastcpu/registerFastCpuKernels.js';
import '../shared/ml/models/gradients/registerTfjsGradients.js';

const opts = new Command().option('--batch <n>', 'images', '8').option('--repeat <n>', 'timed repetitions', '5').option('--no-peer', 'skip PyTorch').parse().opts();
const batch = Number(opts.batch);
const repeat = Number(opts.repeat);

/** [name, height = width, channels, stride]: EfficientNetV2-S stage 4 (28 → 14, 512 ch), 5 and 6 (14 and 7, 960 / 1536 ch). */
const cases: Array<[string, number, number, number]> = [
  ['s4 28x28x512 stride 2', 28, 512, 2],
  ['s5 14x14x960 stride 1', 14, 960, 1],
  ['s6 7x7x1536 stride 1', 7, 1536, 1],
];

await tf.setBackend('cpu');

/** Median ms of the convolution and the gradients of x and the filter for a fixed upstream gradient. */
function time(size: number, channels: number, stride: number): number {
  const x = tf.randomNormal([batch, size, size, channels], 0, 1, 'float32', 1);
  const w = tf.randomNormal([3, 3, channels, 1], 0, 0.3, 'float32', 2);
  const f = (a: tf.Tensor, k: tf.Tensor) => tf.depthwiseConv2d(a as tf.Tensor4D, k as tf.Tensor4D, stride, 1);
  const dy = tf.tidy(() => tf.randomNormal(f(x, w).shape, 0, 1, 'float32', 3));
  const grads = tf.grads(f);
  const once = () => tf.tidy(() => grads([x, w], dy).map((g) => g.dataSync().length));
  once();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  tf.dispose([x, w, dy]);
  return times.sort((p, q) => p - q)[Math.floor(times.length / 2)]!;
}

const registration = registerFastCpuKernels({ threads: 1 });
if (!registration.ok) console.log(JSON.stringify({ note: `native kernels unavailable: ${registration.reason}` }));
const native = cases.map(([, size, channels, stride]) => time(size, channels, stride));
unregisterFastCpuKernels();
const plain = cases.map(([, size, channels, stride]) => time(size, channels, stride));
cases.forEach(([name], i) => {
  console.log(JSON.stringify({ path: 'cpu+native', case: name, batch, ms: Number(native[i]!.toFixed(2)), load: loadavg()[0] }));
  console.log(JSON.stringify({ path: 'cpu', case: name, batch, ms: Number(plain[i]!.toFixed(2)), load: loadavg()[0] }));
});

let peer: number[] | undefined;
if (opts.peer) {
  try {
    const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'peer_depthwise_conv.py'), String(batch), String(repeat), JSON.stringify(cases.map(([, s, c, st]) => [s, c, st]))], { encoding: 'utf8' });
    peer = JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as number[];
    cases.forEach(([name], i) => console.log(JSON.stringify({ path: 'pytorch', case: name, batch, ms: peer![i], load: loadavg()[0] })));
  } catch (error) {
    console.log(JSON.stringify({ note: `PyTorch peer unavailable: ${(error as Error).message.split('\n')[0]}` }));
  }
}
console.log(`\n| depthwise 3×3 (forward + backward for a fixed dy, batch ${batch}, 1 thread) | tfjs cpu ms | cpu+native ms | PyTorch ms | ratio to PyTorch |\n| --- | --- | --- | --- | --- |`);
cases.forEach(([name], i) => {
  const theirs = peer?.[i];
  console.log(`| ${name} | ${plain[i]!.toFixed(2)} | ${native[i]!.toFixed(2)} | ${theirs?.toFixed(2) ?? '—'} | ${theirs ? (native[i]! / theirs).toFixed(2) : '—'} |`);
});
