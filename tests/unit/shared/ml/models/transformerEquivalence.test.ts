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
 * filled from a formula of its flat index in PyTorch's layout and put into the project's tensor of
 * the same name (converted to its layout); logits and per-parameter gradients must agree. This
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

/** PyTorch's layout → ours: conv [out, in, kh, kw] → [kh, kw, in, out]; nn.Linear [out, in] → [in, out]; embeddings and the rest as they are. */
function toOurLayout(p: TorchParam, values: Float32Array, ours: number[]): tf.Tensor {
  return tf.tidy(() => {
    const t = tf.tensor(values, p.shape);
    if (p.shape.length === 4) return tf.transpose(t, [2, 3, 1, 0]);
    if (p.shape.length === 2 && !p.name.endsWith('embeddings.weight')) return tf.transpose(t);
    return tf.reshape(t, ours);
  });
}

function loadTorchParams(model: Model, params: TorchParam[]): void {
  const byName = new Map(model.params.map((p) => [p.name, p.variable]));
  assert.deepEqual([...byName.keys()].sort(), params.map((p) => p.name).sort(), 'the same parameter names as PyTorch');
  for (const p of params) {
    const variable = byName.get(p.name) as tf.Variable;
    const value = toOurLayout(p, formula(p), variable.shape);
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
