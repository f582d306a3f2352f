import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { modelConfigSchema } from '../../../../../shared/config/modelConfig.js';
import { createModel } from '../../../../../shared/ml/models/createModel.js';
import type { Model } from '../../../../../shared/ml/models/model.js';
import { loadWeights, WeightLoadError } from '../../../../../shared/ml/weights/loadWeights.js';
import { parseSafetensors, type SafetensorsFile } from '../../../../../shared/ml/weights/safetensors.js';

/**
 * Safetensors files written by PyTorch (tests/unit/shared/ml/models/golden/make_transformer_golden.py):
 * a torchvision ViT and a BERT saved with bert-base-uncased's checkpoint conventions (legacy
 * LayerNorm.gamma/beta, the position_ids buffer, pre-training heads) load through the models' weight
 * mappings and give PyTorch's logits.
 */
interface WeightsCase {
  file: string;
  config: unknown;
  inputShape: number[];
  batch?: number;
  vocab?: number;
  ids?: number[][];
  classes: number;
  eval: number[];
}

const golden = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'models', 'golden', 'transformerGolden.json'), 'utf8')) as { weights: WeightsCase[] };
const fixtures = path.join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'weights');
const [vitCase, bertCase] = golden.weights;

before(async () => {
  await tf.setBackend('cpu');
});

const read = (c: WeightsCase): SafetensorsFile => parseSafetensors(readFileSync(path.join(fixtures, c.file)));
const build = (c: WeightsCase, classes = c.classes): Model => createModel(modelConfigSchema.parse(c.config), c.inputShape, classes, 1, c.vocab ? { vocabSize: c.vocab } : {});

function input(c: WeightsCase): tf.Tensor {
  if (c.ids) return tf.tensor2d(c.ids, undefined, 'int32');
  const shape = [c.batch ?? 1, ...c.inputShape];
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(0.11 * i)), shape);
}

function assertLogits(model: Model, c: WeightsCase): void {
  const logits = model.forward(input(c), false).dataSync();
  assert.equal(logits.length, c.eval.length);
  c.eval.forEach((want, i) => assert.ok(Math.abs(logits[i] - want) <= 1e-5 + 1e-5 * Math.abs(want), `${c.file} logit ${i}: ${logits[i]} vs PyTorch ${want}`));
}

for (const c of golden.weights) {
  test(`${c.file} (a state_dict written by PyTorch) loads every tensor and gives PyTorch's logits`, () => {
    const model = build(c);
    assert.ok(model.weightMapping);
    const loaded = loadWeights(model, read(c), model.weightMapping);
    assert.equal(loaded.loaded, model.params.length);
    assertLogits(model, c);
    model.dispose();
  });
}

test('a pre-trained BERT checkpoint without a classifier: refused as missing keys, loaded with the head replaced', () => {
  const file = read(bertCase);
  for (const key of ['classifier.weight', 'classifier.bias']) file.tensors.delete(key);
  const model = build(bertCase);
  const mapping = model.weightMapping;
  assert.ok(mapping);
  assert.throws(
    () => loadWeights(model, file, mapping),
    (error: unknown) => error instanceof WeightLoadError && error.missing.join() === 'classifier.weight,classifier.bias' && error.unexpected.length === 0,
  );
  const before = Array.from(model.params.find((p) => p.name === 'classifier.weight')?.variable.dataSync() ?? []);
  const loaded = loadWeights(model, file, mapping, { replaceHead: true });
  assert.deepEqual(loaded.keptHead, ['classifier.weight', 'classifier.bias']);
  assert.deepEqual(Array.from(model.params.find((p) => p.name === 'classifier.weight')?.variable.dataSync() ?? []), before, 'the head keeps its initialisation');
  const pooler = model.params.find((p) => p.name === 'bert.pooler.dense.weight')?.variable;
  assert.ok(pooler && tf.tidy(() => tf.any(tf.notEqual(pooler, 0)).dataSync()[0]) === 1);
  model.dispose();
});

test('a bare BertModel state_dict (no bert. prefix) reads as BERT’s; an unknown key is named', () => {
  const file = read(bertCase);
  const renamed: SafetensorsFile = { ...file, tensors: new Map([...file.tensors].map(([key, t]) => [key.replace(/^bert\./, ''), t])) };
  const model = build(bertCase);
  assert.ok(model.weightMapping);
  loadWeights(model, renamed, model.weightMapping);
  assertLogits(model, bertCase);
  const [, someTensor] = [...file.tensors][0];
  renamed.tensors.set('encoder.layer.9.output.dense.weight', someTensor);
  assert.throws(() => model.weightMapping && loadWeights(model, renamed, model.weightMapping), /unexpected keys \(1\): bert\.encoder\.layer\.9\.output\.dense\.weight/);
  model.dispose();
});

test('a ViT for another number of classes or another image size: mismatched shapes named; the head replaced for classes', () => {
  const file = read(vitCase);
  const tenClasses = build(vitCase, 10);
  assert.ok(tenClasses.weightMapping);
  assert.throws(() => tenClasses.weightMapping && loadWeights(tenClasses, file, tenClasses.weightMapping), /mismatched shapes \(2\): heads\.head\.weight → heads\.head\.weight: file \[4, 12\], model \[12, 10\]/);
  assert.equal(loadWeights(tenClasses, file, tenClasses.weightMapping, { replaceHead: true }).loaded, tenClasses.params.length - 2);
  tenClasses.dispose();
  const larger = createModel(modelConfigSchema.parse(vitCase.config), [16, 16, 3], vitCase.classes, 1);
  assert.ok(larger.weightMapping);
  assert.throws(() => larger.weightMapping && loadWeights(larger, file, larger.weightMapping), /encoder\.pos_embedding → encoder\.pos_embedding: file \[1, 17, 12\], model \[1, 65, 12\]/);
  larger.dispose();
});
