import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadNativeAddon } from '../../../../../main/fastcpu/loadNativeAddon.js';
import { registerFastCpuKernels, unregisterFastCpuKernels } from '../../../../../main/fastcpu/registerFastCpuKernels.js';
import { modelConfigSchema } from '../../../../../shared/config/modelConfig.js';
import { createModel } from '../../../../../shared/ml/models/createModel.js';
import type { Model } from '../../../../../shared/ml/models/model.js';
import { optionalPathsRequired } from '../../../../support/requiredPaths.js';

/**
 * The models against PyTorch twins (golden/make_model_golden.py): same weights, filled from a formula
 * of each tensor's flat index in PyTorch's layout, must give the same logits. This checks layouts,
 * padding, pooling, flatten order, batch norm (both modes), LSTM gates and residual wiring; on the plain
 * cpu kernels and again on the native ones (fused layers, the fused training-mode batch norm).
 */
interface GoldenCase {
  name: string;
  config: unknown;
  inputShape: number[];
  batch?: number;
  vocab?: number;
  ids?: number[][];
  eval: number[];
  train?: number[];
  firstRunningMeanAfterTrain?: number[];
  /** Per parameter: [sum of the gradient, sum of its squares] of the training-mode cross-entropy. */
  gradients: Array<[number, number]>;
}

const golden = JSON.parse(readFileSync(path.join(import.meta.dirname, 'golden', 'modelGolden.json'), 'utf8')) as { cases: GoldenCase[] };

before(async () => {
  await tf.setBackend('cpu');
});

type FillKind = 'weight' | 'bn_weight' | 'bias' | 'running_var';

function formula(torchShape: number[], k: number, kind: FillKind): Float32Array {
  const n = torchShape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  const fanIn = n / torchShape[0];
  for (let i = 0; i < n; i++) {
    const s = Math.sin(0.37 * i + 1.3 * k);
    out[i] = kind === 'weight' ? s / Math.sqrt(fanIn) : kind === 'bn_weight' ? 1 + 0.1 * s : kind === 'running_var' ? 1 + 0.25 * (1 + s) : 0.1 * s;
  }
  return out;
}

/** The value of one project tensor: computed in PyTorch's layout, then converted to ours. */
function torchFilled(variable: tf.Variable, name: string, k: number, kind: FillKind, flattenedMap?: number[]): tf.Tensor {
  const shape = variable.shape;
  return tf.tidy(() => {
    if (shape.length === 4) {
      const [kh, kw, inC, outC] = shape;
      return tf.transpose(tf.tensor4d(formula([outC, inC, kh, kw], k, kind), [outC, inC, kh, kw]), [2, 3, 1, 0]);
    }
    if (shape.length === 2 && !name.startsWith('embedding')) {
      const [inF, outF] = shape;
      if (flattenedMap) {
        const [h, w, c] = flattenedMap;
        const torch = tf.tensor4d(formula([outF, inF], k, kind), [outF, c, h, w]);
        return tf.reshape(tf.transpose(torch, [2, 3, 1, 0]), [inF, outF]);
      }
      return tf.transpose(tf.tensor2d(formula([outF, inF], k, kind), [outF, inF]));
    }
    return tf.tensor(formula(shape, k, kind), shape);
  });
}

function loadTorchWeights(model: Model, flattenedMap?: number[]): void {
  model.params.forEach((p, k) => {
    const isBn = /(^|[./])bn\d*\.(weight|bias)$/.test(p.name);
    const kind: FillKind = isBn ? (p.name.endsWith('weight') ? 'bn_weight' : 'bias') : p.variable.rank >= 2 ? 'weight' : 'bias';
    const value = torchFilled(p.variable, p.name, k, kind, p.name === 'output.weight' ? flattenedMap : undefined);
    p.variable.assign(value);
    value.dispose();
  });
  (model.state ?? []).forEach((s, i) => {
    const value = tf.tensor(formula(s.variable.shape, model.params.length + i, s.name.endsWith('running_var') ? 'running_var' : 'bias'), s.variable.shape);
    s.variable.assign(value);
    value.dispose();
  });
}

function imageInput(shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(0.11 * i)), shape);
}

function assertClose(actual: ArrayLike<number>, expected: number[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 2e-4 + 1e-3 * Math.abs(expected[i]);
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `${label}[${i}]: ${actual[i]} vs PyTorch ${expected[i]}`);
  }
}

function goldenTests(): void {
  for (const c of golden.cases) {
    test(`${c.name} gives PyTorch's logits for the same weights`, () => {
      const config = modelConfigSchema.parse(c.config);
      const isLm = c.name === 'lstm-lm';
      const classes = isLm ? (c.vocab ?? 0) : 10;
      const model = createModel(config, c.inputShape, c.name === 'mlp' ? 3 : classes, 0, isLm ? { task: 'language-model' } : {});
      const flattenedMap = c.name === 'cnn' ? model.layers?.find((l) => l.name === 'conv2.pool')?.outputShape : undefined;
      loadTorchWeights(model, flattenedMap);
      const x = isLm ? tf.tensor2d(c.ids ?? [], undefined, 'int32') : imageInput([c.batch ?? 1, ...c.inputShape]);
      assertClose(model.forward(x, false).dataSync(), c.eval, `${c.name} eval`);
      if (c.train) {
        assertClose(model.forward(x, true).dataSync(), c.train, `${c.name} train`);
        const runningMean = model.state?.find((s) => s.name.endsWith('running_mean'));
        assertClose(runningMean?.variable.dataSync() ?? [], c.firstRunningMeanAfterTrain ?? [], `${c.name} running mean`);
      }
      model.dispose();
    });

    test(`${c.name} gives PyTorch's gradients for the same weights`, () => {
      const config = modelConfigSchema.parse(c.config);
      const isLm = c.name === 'lstm-lm';
      const classes = isLm ? (c.vocab ?? 0) : c.name === 'mlp' ? 3 : 10;
      const model = createModel(config, c.inputShape, classes, 0, isLm ? { task: 'language-model' } : {});
      const flattenedMap = c.name === 'cnn' ? model.layers?.find((l) => l.name === 'conv2.pool')?.outputShape : undefined;
      loadTorchWeights(model, flattenedMap);
      const x = isLm ? tf.tensor2d(c.ids ?? [], undefined, 'int32') : imageInput([c.batch ?? 1, ...c.inputShape]);
      const rows = isLm ? (c.ids?.length ?? 0) * c.inputShape[0] : (c.batch ?? 1);
      const labels = tf.oneHot(tf.tensor1d(Array.from({ length: rows }, (_, i) => i % classes), 'int32'), classes);
      const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.forward(x, true)) as tf.Scalar, model.params.map((p) => p.variable));
      assert.equal(c.gradients.length, model.params.length);
      // Float32 noise relative to the whole gradient (a conv bias followed by batch norm has a zero gradient).
      const globalScale = Math.sqrt(c.gradients.reduce((n, [, sq]) => n + sq, 0));
      model.params.forEach((p, k) => {
        const g = grads[p.variable.name].dataSync();
        let sum = 0;
        let sumSq = 0;
        for (const v of g) {
          sum += v;
          sumSq += v * v;
        }
        const [torchSum, torchSumSq] = c.gradients[k];
        const scale = Math.sqrt(torchSumSq * g.length);
        assert.ok(Math.abs(sum - torchSum) <= 1e-4 * globalScale + 2e-3 * scale, `${c.name} ${p.name}: gradient sum ${sum} vs PyTorch ${torchSum}`);
        assert.ok(Math.abs(sumSq - torchSumSq) <= 1e-6 * globalScale ** 2 + 5e-3 * torchSumSq, `${c.name} ${p.name}: gradient sum of squares ${sumSq} vs PyTorch ${torchSumSq}`);
      });
      tf.dispose(Object.values(grads));
      model.dispose();
    });
  }
}

describe('plain cpu kernels', () => goldenTests());

const nativeMissing = (() => {
  const loaded = loadNativeAddon();
  return loaded.ok ? false : `skipped: ${loaded.reason}`;
})();

describe('cpu + native kernels', { skip: !optionalPathsRequired && nativeMissing }, () => {
  before(() => {
    const registration = registerFastCpuKernels();
    assert.ok(registration.ok, registration.ok ? '' : registration.reason);
  });
  after(() => unregisterFastCpuKernels());
  goldenTests();
});
