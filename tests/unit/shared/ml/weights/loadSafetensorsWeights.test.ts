import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { modelConfigSchema } from '../../../../../shared/config/modelConfig.js';
import { createModel } from '../../../../../shared/ml/models/createModel.js';
import { loadWeights, WeightLoadError } from '../../../../../shared/ml/weights/loadWeights.js';
import { parseSafetensors } from '../../../../../shared/ml/weights/safetensors.js';
import { assertClose, assertGradients, imageInput, trainStep } from '../models/torchGoldenChecks.js';

/**
 * Safetensors files written by PyTorch from torchvision models (random init, reduced width/depth:
 * tests/unit/shared/ml/models/golden/make_torchvision_golden.py) load into the project's models and give
 * PyTorch's logits (eval and train mode) and gradients; bad files are refused with every bad key named.
 */
interface WeightsCase {
  file: string;
  config: unknown;
  inputShape: number[];
  batch: number;
  classes: number;
  eval: number[];
  train: number[];
  gradients: Record<string, [number, number]>;
}

const golden = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'models', 'golden', 'weightsGolden.json'), 'utf8')) as { cases: WeightsCase[] };
const fixtures = path.join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'weights');

before(async () => {
  await tf.setBackend('cpu');
});

function build(c: WeightsCase, classes = c.classes) {
  const model = createModel(modelConfigSchema.parse(c.config), c.inputShape, classes, 1);
  assert.ok(model.weightMapping);
  return { model, mapping: model.weightMapping };
}

for (const c of golden.cases) {
  test(`${c.file} (written by PyTorch) loads and gives PyTorch's logits and gradients`, () => {
    const file = parseSafetensors(readFileSync(path.join(fixtures, c.file)));
    const { model, mapping } = build(c);
    const loaded = loadWeights(model, file, mapping);
    assert.equal(loaded.loaded, model.params.length + (model.state?.length ?? 0));
    const x = imageInput([c.batch, ...c.inputShape]);
    assertClose(model.forward(x, false).dataSync(), c.eval, `${c.file} eval`);
    const { logits, grads } = trainStep(model, x, c.classes);
    assertClose(logits.dataSync(), c.train, `${c.file} train`);
    assertGradients(c.file, model, grads, c.gradients, new Map(mapping.entries.map((e) => [e.target, e.source])));
    tf.dispose([x, logits, ...Object.values(grads)]);
    model.dispose();
  });
}

const [efficientNet] = golden.cases;

test('another number of classes: refused as a mismatched head, or loaded with the head replaced', () => {
  const file = parseSafetensors(readFileSync(path.join(fixtures, efficientNet.file)));
  const { model, mapping } = build(efficientNet, 7);
  const before = model.params.map((p) => p.variable.dataSync().slice());
  assert.throws(
    () => loadWeights(model, file, mapping),
    (error: unknown) => {
      assert.ok(error instanceof WeightLoadError);
      assert.deepEqual(error.missing, []);
      assert.deepEqual(error.unexpected, []);
      assert.deepEqual(error.mismatched.map((m) => m.source), ['classifier.1.weight', 'classifier.1.bias']);
      assert.match(error.message, /mismatched shapes \(2\): classifier\.1\.weight → classifier\.weight: file \[3, \d+\], model \[\d+, 7\]/);
      return true;
    },
  );
  model.params.forEach((p, i) => assert.deepEqual(p.variable.dataSync(), before[i], `${p.name} untouched by a refused load`));
  const loaded = loadWeights(model, file, mapping, { replaceHead: true });
  assert.deepEqual(loaded.keptHead, ['classifier.weight', 'classifier.bias']);
  const stem = model.params.find((p) => p.name === 'stem.conv.weight');
  const torchStem = file.tensors.get('features.0.0.weight');
  assert.ok(stem && torchStem);
  assert.notDeepEqual(stem.variable.dataSync(), before[0], 'the stem was loaded');
  const head = model.params.find((p) => p.name === 'classifier.weight');
  assert.deepEqual(head?.variable.dataSync(), before[model.params.findIndex((p) => p.name === 'classifier.weight')], 'the head kept its initialisation');
  model.dispose();
});

test('a file of another model is refused with its missing and unexpected keys listed', () => {
  const file = parseSafetensors(readFileSync(path.join(fixtures, golden.cases[1].file)));
  const { model, mapping } = build(efficientNet);
  assert.throws(() => loadWeights(model, file, mapping), (error: unknown) => {
    assert.ok(error instanceof WeightLoadError);
    assert.ok(error.missing.includes('features.0.0.weight'));
    assert.ok(error.unexpected.includes('features.conv0.weight'));
    assert.match(error.message, /^the weights do not fit the model: missing keys \(\d+\): features\.0\.0\.weight, .*; unexpected keys \(\d+\): features\.conv0\.weight/);
    assert.match(error.message, /… \(\d+ more\)/);
    return true;
  });
  model.dispose();
});
