import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createModel } from '../../../../../shared/ml/models/createModel.js';
import type { Model } from '../../../../../shared/ml/models/model.js';
import { oneHot, sgdSteps } from './sgdSteps.js';

before(async () => {
  await tf.setBackend('cpu');
});

function values(model: Model): number[][] {
  return model.params.map((p) => Array.from(p.variable.dataSync()));
}

test('MLP 784-256-128-10: blocks, names, shapes and parameter count', () => {
  const model = createModel({ kind: 'mlp', hidden: [256, 128], activation: 'relu' }, [28, 28, 1], 10, 0);
  assert.deepEqual(model.blocks.map((b) => b.name), ['layer0', 'layer1', 'output']);
  assert.deepEqual(model.params.map((p) => p.name), ['layer0.weight', 'layer0.bias', 'layer1.weight', 'layer1.bias', 'output.weight', 'output.bias']);
  assert.deepEqual(model.params[0].variable.shape, [784, 256]);
  const total = model.blocks.reduce((n, b) => n + b.paramCount, 0);
  assert.equal(total, 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10); // 235146, as torch
  const logits = model.forward(tf.zeros([3, 28, 28, 1]), false);
  assert.deepEqual(logits.shape, [3, 10]);
  assert.deepEqual(model.forward(tf.zeros([2, 784]), false).shape, [2, 10]);
  model.dispose();
});

test('MLP init follows PyTorch bounds: |w| <= 1/sqrt(fan_in), and not all equal', () => {
  const model = createModel({ kind: 'mlp', hidden: [64], activation: 'tanh' }, [100], 5, 3);
  const w = model.params[0].variable.dataSync();
  const bound = 1 / Math.sqrt(100);
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  assert.ok(max <= bound && max > 0.9 * bound, `max |w| ${max} vs bound ${bound}`);
  model.dispose();
});

test('CNN matches the benchmark: conv 1→16→32, dense 800→10, 12,810 params', () => {
  const model = createModel({ kind: 'cnn', channels: [16, 32] }, [28, 28, 1], 10, 0);
  assert.deepEqual(model.blocks.map((b) => b.name), ['conv1', 'conv2', 'output']);
  assert.deepEqual(
    model.params.map((p) => [p.name, p.variable.shape]),
    [
      ['conv1.weight', [3, 3, 1, 16]],
      ['conv1.bias', [16]],
      ['conv2.weight', [3, 3, 16, 32]],
      ['conv2.bias', [32]],
      ['output.weight', [800, 10]],
      ['output.bias', [10]],
    ],
  );
  // torch: 16·9+16 + 32·16·9+32 + 800·10+10
  assert.equal(model.blocks.reduce((n, b) => n + b.paramCount, 0), 160 + 4640 + 8010);
  assert.deepEqual(model.layers?.map((l) => l.outputShape), [[26, 26, 16], [13, 13, 16], [11, 11, 32], [5, 5, 32], [800], [10]]);
  assert.deepEqual(model.forward(tf.zeros([2, 28, 28, 1]), false).shape, [2, 10]);
  model.dispose();
});

test('same seed gives the same model, another seed a different one', () => {
  const config = { kind: 'cnn', channels: [4, 8] } as const;
  const a = createModel({ ...config, channels: [4, 8] }, [12, 12, 1], 3, 7);
  const b = createModel({ ...config, channels: [4, 8] }, [12, 12, 1], 3, 7);
  const c = createModel({ ...config, channels: [4, 8] }, [12, 12, 1], 3, 8);
  assert.deepEqual(values(a), values(b));
  assert.notDeepEqual(values(a), values(c));
  // Params within one model come from different seeds.
  assert.notDeepEqual(Array.from(a.params[0].variable.dataSync()).slice(0, 4), Array.from(a.params[2].variable.dataSync()).slice(0, 4));
  for (const m of [a, b, c]) m.dispose();
});

test('point model: one [2] param point/xy at the start', () => {
  const model = createModel({ kind: 'point' }, [2], 0, 0, { pointStart: [3, 1] });
  assert.deepEqual(model.params.map((p) => p.name), ['point/xy']);
  assert.deepEqual(Array.from(model.params[0].variable.dataSync()), [3, 1]);
  assert.deepEqual(model.blocks, [{ name: 'point', paramNames: ['point/xy'], paramCount: 2 }]);
  model.dispose();
});

test('a gradient-descent step lowers the loss of the MLP and the CNN on a tiny batch', () => {
  const x = tf.randomUniform([8, 10, 10, 1], 0, 1, 'float32', 1);
  const y = oneHot([0, 1, 2, 0, 1, 2, 0, 1], 3);
  for (const config of [{ kind: 'mlp', hidden: [16], activation: 'relu' } as const, { kind: 'cnn', channels: [4, 8] } as const]) {
    const model = createModel(config.kind === 'mlp' ? { ...config, hidden: [16] } : { ...config, channels: [4, 8] }, [10, 10, 1], 3, 0);
    const before = tf.memory().numTensors;
    const losses = sgdSteps(model, x, y, 5, 0.5);
    assert.ok(losses[4] < losses[0], `${config.kind}: loss ${losses[0]} → ${losses[4]}`);
    assert.equal(tf.memory().numTensors, before, `${config.kind}: a training step leaks no tensors`);
    model.dispose();
  }
});

test('backend needs: conv models need conv backprop, the LSTM the embedding gradient', async () => {
  const { modelBackendNeeds } = await import('../../../../../shared/ml/models/backendNeeds.js');
  assert.deepEqual(modelBackendNeeds({ kind: 'resnet', depth: 18, width: 1 }), { convolutions: true, embeddingGradients: false });
  assert.deepEqual(modelBackendNeeds({ kind: 'lstm', layers: 1, embeddingDim: 8, hidden: 8, dropout: 0 }), { convolutions: false, embeddingGradients: true });
  assert.deepEqual(modelBackendNeeds({ kind: 'mlp', hidden: [8], activation: 'relu' }), { convolutions: false, embeddingGradients: false });
});

test('modelDatasetMismatch: image models on images, the LSTM on text, ViT patches divide the image', async () => {
  const { modelConfigSchema, modelDatasetMismatch } = await import('../../../../../shared/config/modelConfig.js');
  const { datasetConfigSchema } = await import('../../../../../shared/config/datasetConfig.js');
  const m = (v: unknown) => modelConfigSchema.parse(v);
  const d = (v: unknown) => datasetConfigSchema.parse(v);
  assert.equal(modelDatasetMismatch(m({ kind: 'resnet' }), d({ kind: 'cifar10' })), undefined);
  assert.equal(modelDatasetMismatch(m({ kind: 'lstm' }), d({ kind: 'text-lm', path: 'ptb' })), undefined);
  assert.match(modelDatasetMismatch(m({ kind: 'lstm' }), d({ kind: 'mnist' })) ?? '', /LSTM needs a text dataset/);
  assert.match(modelDatasetMismatch(m({ kind: 'cnn' }), d({ kind: 'text-csv', path: 'ag' })) ?? '', /text dataset needs the LSTM or BERT model, not cnn/);
  assert.match(modelDatasetMismatch(m({ kind: 'vit', patchSize: 5 }), d({ kind: 'fashion-mnist' })) ?? '', /patch size 5 does not divide the 28x28/);
  assert.equal(modelDatasetMismatch(m({ kind: 'vit', patchSize: 4 }), d({ kind: 'image-folder', path: 'x', imageSize: [64, 48] })), undefined);
  assert.match(modelDatasetMismatch(m({ kind: 'point' }), d({ kind: 'mnist' })) ?? '', /point model only fits a surface/);
});

test('softmaxLastAxis equals tf.softmax in value and gradient', async () => {
  const { softmaxLastAxis } = await import('../../../../../shared/ml/models/layers/softmax.js');
  const x = tf.tensor2d([[1, 2, 3], [-5, 0, 40]]);
  const w = tf.tensor2d([[0.3, -1, 2], [1, 1, -4]]);
  const ours = Array.from(softmaxLastAxis(x).dataSync());
  const theirs = Array.from(tf.softmax(x).dataSync());
  ours.forEach((v, i) => assert.ok(Math.abs(v - theirs[i]) < 1e-6));
  const g1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(softmaxLastAxis(t), w)))(x).dataSync();
  const g2 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.softmax(t), w)))(x).dataSync();
  g1.forEach((v, i) => assert.ok(Math.abs(v - g2[i]) < 1e-6, `${v} vs ${g2[i]}`));
});
