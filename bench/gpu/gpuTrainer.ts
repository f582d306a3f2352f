/**
 * The webgpu half of bench/gpu: trains the project's own ResNet-18 (CIFAR form, 32x32x3) and MLP
 * (784-256-128-10) with its own Adam (PyTorch semantics) on the webgpu backend, on seeded random
 * data (the machine it is for has no network and no data set), and prints one JSON line per model:
 * `{"framework":"tfjs-webgpu","model":…,"samples_per_s":…,"adapter":…}`.
 *
 *   node trainer.mjs [--models resnet18,mlp] [--steps 30] [--warmup 3] [--batch 128]
 *
 * Bundled with esbuild by bench/gpu/pack.mjs (with `webgpu` pointing at the dawn.node beside the
 * bundle); also runs from the repository: node --import tsx bench/gpu/gpuTrainer.ts.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { probeWebgpu, useWebgpuBackend } from '../../main/backend/webgpuBackend.js';
import { optimizerConfigSchema } from '../../shared/config/optimizerConfig.js';
import { modelConfigSchema } from '../../shared/config/modelConfig.js';
import { createModel } from '../../shared/ml/models/createModel.js';
import { createOptimizer } from '../../shared/ml/optim/createOptimizer.js';
import { createRandom } from '../../shared/ml/random.js';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: 'resnet18,mlp' },
    steps: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    batch: { type: 'string', default: '128' },
  },
});
const steps = Number(values.steps);
const warmup = Number(values.warmup);
const batch = Number(values.batch);

const shapes = {
  resnet18: { config: { kind: 'resnet', depth: 18, width: 1 }, input: [32, 32, 3] },
  mlp: { config: { kind: 'mlp', hidden: [256, 128], activation: 'relu' }, input: [28, 28, 1] },
} as const;

tf.env().set('PROD', true);
const probe = await probeWebgpu();
if (!probe.ok) {
  console.log(JSON.stringify({ framework: 'tfjs-webgpu', error: probe.reason }));
  process.exit(2);
}
const problem = await useWebgpuBackend(probe);
if (problem !== null) {
  console.log(JSON.stringify({ framework: 'tfjs-webgpu', error: problem }));
  process.exit(2);
}

for (const name of values.models.split(',') as (keyof typeof shapes)[]) {
  const { config, input } = shapes[name];
  const model = createModel(modelConfigSchema.parse(config), [...input], 10, 0);
  const optimizer = createOptimizer(optimizerConfigSchema.parse({ type: 'adam', lr: 1e-3 }), model.params);
  const variables = model.params.map((p) => p.variable);
  const byVariable = new Map(model.params.map((p) => [p.variable.name, p.name]));
  const random = createRandom(1);
  const size = (input as readonly number[]).reduce((a, b) => a * b, 1);
  const x = tf.tensor(Float32Array.from({ length: batch * size }, () => random()), [batch, ...input]);
  const y = tf.oneHot(tf.tensor1d(Int32Array.from({ length: batch }, () => Math.floor(random() * 10)), 'int32'), 10);
  const step = async (): Promise<number> => {
    const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.forward(x, true)) as tf.Scalar, variables);
    optimizer.step(Object.fromEntries(Object.entries(grads).map(([n, g]) => [byVariable.get(n) ?? n, g])));
    const loss = (await value.data())[0];
    tf.dispose([value, ...Object.values(grads)]);
    return loss;
  };
  for (let i = 0; i < warmup; i++) await step();
  const t0 = performance.now();
  let loss = Number.NaN;
  for (let i = 0; i < steps; i++) loss = await step();
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      framework: 'tfjs-webgpu',
      model: name,
      batch,
      steps,
      seconds: Number(seconds.toFixed(3)),
      samples_per_s: Number(((steps * batch) / seconds).toFixed(1)),
      final_loss: Number(loss.toFixed(4)),
      adapter: `${probe.info.description || probe.info.device}${probe.info.software ? ' (software)' : ''}`,
      tensors: tf.memory().numTensors,
    }),
  );
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
}
process.exit(0);
