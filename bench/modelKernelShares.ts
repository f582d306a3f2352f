/**
 * Where a training step of any model goes on cpu + native (or plain cpu): per tfjs kernel, calls
 * and milliseconds per step over two warm steps of softmax cross-entropy and all gradients, batch 8.
 *
 *   node --import tsx bench/modelKernelShares.ts '<model config JSON>' '<input shape JSON>' [plain]
 *
 * e.g. DenseNet-121 on 64 × 64 images:
 *   node --import tsx bench/modelKernelShares.ts '{"kind":"densenet-121","growthRate":32,"blockConfig":[6,12,24,16],"initFeatures":64,"bnSize":4}' '[64,64,3]'
 */
import { loadavg } from 'node:os';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '../shared/ml/models/gradients/registerTfjsGradients.js';
import { modelConfigSchema } from '../shared/config/modelConfig.js';
import { createModel } from '../shared/ml/models/createModel.js';
import { registerFastCpuKernels } from '../main/fastcpu/registerFastCpuKernels.js';
await tf.setBackend('cpu');
if (process.argv[4] !== 'plain') registerFastCpuKernels();
const config = JSON.parse(process.argv[2]!);
const shape = JSON.parse(process.argv[3]!) as number[];
const model = createModel(modelConfigSchema.parse(config), shape, 10, 0);
const B = 8;
const x = tf.randomNormal([B, ...shape]);
const labels = tf.oneHot(tf.tensor1d(Array.from({ length: B }, (_, i) => i % 10), 'int32'), 10);
const stats = new Map<string, { calls: number; ms: number }>();
for (const k of tf.getKernelsForBackend('cpu')) {
  const f = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, 'cpu');
  tf.registerKernel({ ...k, kernelFunc: (args) => { const t0 = performance.now(); const r = f(args); const s = stats.get(k.kernelName) ?? { calls: 0, ms: 0 }; s.calls++; s.ms += performance.now() - t0; stats.set(k.kernelName, s); return r; } });
}
const step = () => tf.tidy(() => { const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.forward(x, true)) as tf.Scalar, model.params.map((p) => p.variable)); Object.values(grads).forEach((g) => g.dataSync()); });
step();
stats.clear();
const t0 = performance.now();
for (let i = 0; i < 2; i++) step();
const wall = (performance.now() - t0) / 2;
const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14);
console.log(JSON.stringify({ path: process.argv[4] === 'plain' ? 'cpu' : 'cpu+native', step_ms: Number(wall.toFixed(1)), load: loadavg()[0] }));
for (const [k, s] of rows) console.log(k.padEnd(40), (s.calls / 2).toFixed(0).padStart(5), (s.ms / 2).toFixed(1).padStart(8), ((100 * s.ms) / 2 / wall).toFixed(1) + '%');
