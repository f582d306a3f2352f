/**
 * The training step the CPU benchmarks time (bench/trainThroughput.ts, bench/stepProfile.ts), as
 * the training loop runs it (main/trainingProcess/trainSupervised.ts): the project's own models and Adam,
 * the loop's loss, gradients by `tf.variableGrads`, the loss read with `await data()`.
 * bench/peer_torch.py builds the same models in PyTorch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import { modelConfigSchema } from '../../shared/config/modelConfig.js';
import { optimizerConfigSchema } from '../../shared/config/optimizerConfig.js';
import { createModel } from '../../shared/ml/models/createModel.js';
import type { Model } from '../../shared/ml/models/model.js';
import { createOptimizer } from '../../shared/ml/optim/createOptimizer.js';
import type { Optimizer } from '../../shared/ml/optim/optimizer.js';
import { softmaxCrossEntropyLoss } from '../../shared/ml/losses/softmaxCrossEntropyLoss.js';

export type BenchModelKind = 'mlp' | 'cnn' | 'resnet';

const DATA_DIR = '/usr/share/datasets/fashion-mnist';

export interface BenchData {
  x: Float32Array; // [n, 784] in [0, 1]
  y: Int32Array;
}

function readIdx(name: string, offset: number): Uint8Array {
  const path = join(DATA_DIR, name);
  const raw = existsSync(`${path}.gz`) ? gunzipSync(readFileSync(`${path}.gz`)) : readFileSync(path);
  return new Uint8Array(raw.buffer, raw.byteOffset + offset, raw.byteLength - offset);
}

/** The first `samples` Fashion-MNIST training images (as the peer reads them: pixels / 255). */
export function loadBenchData(samples: number): BenchData {
  const images = readIdx('train-images-idx3-ubyte', 16);
  const labels = readIdx('train-labels-idx1-ubyte', 8);
  const n = Math.min(samples, labels.length);
  const x = new Float32Array(n * 784);
  for (let i = 0; i < x.length; i++) x[i] = images[i]! / 255;
  return { x, y: Int32Array.from(labels.subarray(0, n)) };
}

/**
 * The project's models as a run builds them: MLP 784-256-128-10 ReLU; the LeNet-style CNN
 * (16, 32 channels); ResNet-18 in its CIFAR form at base width `resnetWidth` (64 = full).
 */
export function buildBenchModel(kind: BenchModelKind, resnetWidth = 64): Model {
  const config =
    kind === 'mlp'
      ? { kind, hidden: [256, 128], activation: 'relu' }
      : kind === 'cnn'
        ? { kind, channels: [16, 32] }
        : { kind, depth: 18, width: resnetWidth / 64 };
  return createModel(modelConfigSchema.parse(config), [28, 28, 1], 10, 7);
}

export function benchOptimizer(model: Model): Optimizer {
  return createOptimizer(optimizerConfigSchema.parse({ type: 'adam', lr: 1e-3, eps: 1e-8 }), model.params);
}

/** One training step on images [start, end): returns the batch's loss. */
export function trainStepFunction(model: Model, data: BenchData, optimizer = benchOptimizer(model)): (start: number, end: number) => Promise<number> {
  const vars = model.params.map((p) => p.variable);
  const byVariable = new Map(model.params.map((p) => [p.variable.name, p.name]));
  return async (start, end) => {
    const count = end - start;
    const { value, grads } = tf.tidy(() => {
      const x = tf.tensor4d(data.x.subarray(start * 784, end * 784), [count, 28, 28, 1]);
      const labels = tf.oneHot(tf.tensor1d(data.y.subarray(start, end), 'int32'), 10);
      return tf.variableGrads(() => softmaxCrossEntropyLoss(labels, model.forward(x, true)), vars);
    });
    // Gradients come keyed by variable name; the optimizer takes them by parameter name.
    optimizer.step(Object.fromEntries(Object.entries(grads).map(([name, g]) => [byVariable.get(name) ?? name, g])));
    const loss = (await value.data())[0]!;
    tf.dispose([value, ...Object.values(grads)]);
    return loss;
  };
}
