import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { modelConfigSchema } from '../../../../../shared/config/modelConfig.js';
import { createModel } from '../../../../../shared/ml/models/createModel.js';
import type { Model } from '../../../../../shared/ml/models/model.js';

/**
 * The ViT against torchvision's VisionTransformer and BERT against Hugging Face's
 * BertForSequenceClassification (golden/make_transformer_golden.py): every PyTorch parameter is
 * filled from a formula of its flat index in PyTorch's layout and put into the project's tensor
 * through the model's weight mapping (the one safetensors files load with); logits and
 * per-parameter gradients must agree. This
 * checks the patch convolution, the packed and separate attention projections, padding masks,
 * LayerNorm ε, exact GELU, post- and pre-LN wiring and the class-token/pooler heads.
 */
interface TorchParam {
  name: string;
  shape: number[];
  kind: 'weight' | 'norm_weight' | 'bias';
  k: number;
}

interface GoldenCase {
  name: string;
  config: unknown;
  inputShape: number[];
  batch?: number;
  vocab?: number;
  classes: number;
  ids?: number[][];
  params: TorchParam[];
  eval: number[];
  gradients: Record<string, [number, number]>;
}

const golden = JSON.parse(readFileSync(path.join(import.meta.dirname, 'golden', 'transformerGolden.json'), 'utf8')) as {
  cases: GoldenCase[];
  paramCounts: Record<string, number>;
};

before(async () => {
  await tf.setBackend('cpu');
});

function formula(p: TorchParam): Float32Array {
  const n = p.shape.reduce((a, b) => a * b, 1);
  const fanIn = n / p.shape[0];
  return Float32Array.from({ length: n }, (_, i) => {
    const s = Math.sin(0.37 * i + 1.3 * p.k);
    return p.kind === 'weight' ? s / Math.sqrt(fanIn) : p.kind === 'norm_weight' ? 1 + 0.1 * s : 0.1 * s;
  });
}

/** Fills the model through its PyTorch weight mapping (names and layouts), as a safetensors file would. */
function loadTorchParams(model: Model, params: TorchParam[]): void {
  const mapping = model.weightMapping;
  assert.ok(mapping, `${model.kind} has a PyTorch weight mapping`);
  const torch = new Map(params.map((p) => [p.name, p]));
  assert.deepEqual(mapping.entries.map((e) => e.source).sort(), params.map((p) => p.name).sort(), 'the mapping covers every PyTorch parameter');
  const variables = new Map(model.params.map((p) => [p.name, p.variable]));
  for (const entry of mapping.entries) {
    const p = torch.get(entry.source) as TorchParam;
    const variable = variables.get(entry.target) as tf.Variable;
    const value = tf.tidy(() => {
      const t = tf.tensor(formula(p), p.shape);
      return entry.layout ? entry.layout(t) : t;
    });
    assert.deepEqual(value.shape, variable.shape, `${p.name}: shape`);
    variable.assign(value);
    value.dispose();
  }
}

function input(c: GoldenCase): tf.Tensor {
  if (c.ids) return tf.tensor2d(c.ids, undefined, 'int32');
  const shape = [c.batch ?? 1, ...c.inputShape];
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(0.11 * i)), shape);
}

function build(c: GoldenCase): Model {
  const model = createModel(modelConfigSchema.parse(c.config), c.inputShape, c.classes, 0, c.vocab ? { vocabSize: c.vocab } : {});
  loadTorchParams(model, c.params);
  return model;
}

for (const c of golden.cases) {
  test(`${c.name} gives PyTorch's logits for the same weights`, () => {
    const model = build(c);
    const x = input(c);
    const logits = model.forward(x, false).dataSync();
    assert.equal(logits.length, c.eval.length);
    c.eval.forEach((want, i) => assert.ok(Math.abs(logits[i] - want) <= 1e-5 + 1e-5 * Math.abs(want), `${c.name} logit ${i}: ${logits[i]} vs PyTorch ${want}`));
    model.dispose();
  });

  test(`${c.name} gives PyTorch's gradients for the same weights`, () => {
    const model = build(c);
    const x = input(c);
    const rows = x.shape[0];
    const labels = tf.oneHot(tf.tensor1d(Array.from({ length: rows }, (_, i) => i % c.classes), 'int32'), c.classes);
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, model.forward(x, true)) as tf.Scalar, model.params.map((p) => p.variable));
    const globalScale = Math.sqrt(Object.values(c.gradients).reduce((n, [, sq]) => n + sq, 0));
    for (const p of model.params) {
      const g = grads[p.variable.name].dataSync();
      let sum = 0;
      let sumSq = 0;
      for (const v of g) {
        sum += v;
        sumSq += v * v;
      }
      const [torchSum, torchSumSq] = c.gradients[p.name];
      const scale = Math.sqrt(torchSumSq * g.length);
      assert.ok(Math.abs(sum - torchSum) <= 1e-6 * globalScale + 1e-4 * scale, `${c.name} ${p.name}: gradient sum ${sum} vs PyTorch ${torchSum}`);
      assert.ok(Math.abs(sumSq - torchSumSq) <= 1e-10 * globalScale ** 2 + 1e-4 * torchSumSq, `${c.name} ${p.name}: gradient sum of squares ${sumSq} vs PyTorch ${torchSumSq}`);
    }
    tf.dispose(Object.values(grads));
    model.dispose();
  });
}
