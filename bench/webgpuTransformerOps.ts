/**
 * The fused WebGPU kernels (main/webgpu/) against the tfjs-op compositions the webgpu backend ran
 * before: exact GELU and layer norm, forward + backward (gradients of every input for a fixed
 * upstream gradient), at BERT-base's sizes (batch 16 × 128 tokens: 2048 rows, hidden 768,
 * intermediate 3072), with the number of kernels (dispatches) each pass runs.
 *
 *   npm run bench -- --only webgpuTransformerOps [--rows 2048] [--repeat 5]
 *
 * Prints one JSON line per op and side (mean ms of a pass, kernels), then a Markdown table, and the adapter.
 */
import { loadavg } from 'node:os';
import { Command } from 'commander';
import * as tf from '@tensorflow/tfjs-core';
import '../shared/ml/models/gradients/registerTfjsGradients.js';
import { probeWebgpu, useWebgpuBackend } from '../main/backend/webgpuBackend.js';
import { geluReference, gelu } from '../shared/ml/models/layers/gelu.js';
import { layerNormOp, layerNormReference } from '../shared/ml/models/layers/layerNorm.js';

const opts = new Command().option('--rows <n>', 'rows (batch × tokens)', '2048').option('--repeat <n>', 'timed repetitions', '5').parse().opts();
const rows = Number(opts.rows);
const repeat = Number(opts.repeat);
const hidden = 768;
const intermediate = 3072;

const probe = await probeWebgpu();
if (!probe.ok) throw new Error(`no WebGPU adapter: ${probe.reason}`);
const failure = await useWebgpuBackend(probe);
if (failure) throw new Error(failure);

const random = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
const x = random([rows, hidden], 1);
const gamma = tf.add(random([hidden], 2), 1);
const beta = random([hidden], 3);
const h = random([rows, intermediate], 4);

/**
 * Mean ms of f's gradients for a fixed dy over `repeat` passes queued back to back (after a warm-up),
 * waiting once at the end on a one-number readback (the GPU runs its queue in order; reading the
 * gradients themselves would time the copy back rather than the kernels), and the kernels one pass runs.
 */
async function time(f: (...inputs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[]): Promise<{ ms: number; kernels: number; names: string[] }> {
  const dy = tf.tidy(() => tf.randomNormal(f(...inputs).shape, 0, 1, 'float32', 7));
  const grads = tf.grads(f);
  const passes = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const gs = grads(inputs, dy);
      const last = i === count - 1 ? tf.tidy(() => tf.addN(gs.map((g) => tf.sum(g)))) : undefined;
      tf.dispose(gs);
      if (last) {
        await last.data();
        last.dispose();
      }
    }
  };
  await passes(1);
  const profile = await tf.profile(() => grads(inputs, dy));
  const kernels = profile.kernels.length;
  const names = profile.kernelNames;
  tf.dispose(profile.result as tf.Tensor[]);
  const t0 = performance.now();
  await passes(repeat);
  const ms = (performance.now() - t0) / repeat;
  dy.dispose();
  return { ms, kernels, names };
}

const cases = [
  { op: `layer norm [${rows},${hidden}] fwd+bwd`, composed: (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => layerNormReference(a, g, b, 1e-12), fused: (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => layerNormOp(a, g, b, 1e-12), inputs: [x, gamma, beta] },
  { op: `GELU [${rows},${intermediate}] fwd+bwd`, composed: geluReference, fused: gelu, inputs: [h] },
];
const rowsOut: string[] = [];
for (const c of cases) {
  const composed = await time(c.composed as (...t: tf.Tensor[]) => tf.Tensor, c.inputs);
  const fused = await time(c.fused as (...t: tf.Tensor[]) => tf.Tensor, c.inputs);
  console.log(JSON.stringify({ op: c.op, composed, fused, load: loadavg()[0] }));
  rowsOut.push(`| ${c.op} | ${composed.ms.toFixed(1)} ms, ${composed.kernels} kernels | ${fused.ms.toFixed(1)} ms, ${fused.kernels} kernels | ${(composed.ms / fused.ms).toFixed(2)}× |`);
}
console.log(`\nadapter: ${probe.info.description || probe.info.device} (${probe.info.software ? 'software' : 'hardware'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('| op | tfjs ops (composed) | fused | speed-up |\n|---|---|---|---|');
for (const line of rowsOut) console.log(line);
