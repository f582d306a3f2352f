import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { modelConfigSchema } from '../../../../../shared/config/modelConfig.js';
import { createModel, type CreateModelOptions } from '../../../../../shared/ml/models/createModel.js';
import type { Model } from '../../../../../shared/ml/models/model.js';
import { formatModelSummary, summarizeModel } from '../../../../../shared/ml/models/summarizeModel.js';
import { oneHot, sgdSteps } from './sgdSteps.js';

before(async () => {
  await tf.setBackend('cpu');
});

function build(config: unknown, inputShape: number[], classes: number, seed = 0, options?: CreateModelOptions): Model {
  return createModel(modelConfigSchema.parse(config), inputShape, classes, seed, options);
}

const total = (m: Model) => m.params.reduce((n, p) => n + p.variable.size, 0);

test('ResNet-18 (CIFAR form) has 11,173,962 params in stem, 4 stages and output; runs forward', () => {
  const model = build({ kind: 'resnet', depth: 18 }, [8, 8, 3], 10);
  assert.equal(total(model), 11_173_962);
  assert.deepEqual(model.blocks.map((b) => b.name), ['stem', 'stage1', 'stage2', 'stage3', 'stage4', 'output']);
  assert.ok(model.params.some((p) => p.name === 'stage2/block0.shortcut.conv.weight'));
  assert.ok(!model.params.some((p) => p.name === 'stage1/block0.shortcut.conv.weight'), 'no projection where shapes match');
  // BN running statistics are state, not params: 2 per BN channel.
  const bnChannels = model.params.filter((p) => /\bbn\d?\.weight$|shortcut\.bn\.weight$/.test(p.name)).reduce((n, p) => n + p.variable.size, 0);
  assert.equal((model.state ?? []).reduce((n, s) => n + s.variable.size, 0), 2 * bnChannels);
  assert.ok(!model.params.some((p) => p.name.includes('running')));
  const y = tf.tidy(() => model.forward(tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1), false));
  assert.deepEqual(y.shape, [2, 10]);
  y.dispose();
  model.dispose();
});

test('ResNet-34 has 21,282,122 params; width scales channels', () => {
  const full = build({ kind: 'resnet', depth: 34 }, [32, 32, 3], 10);
  assert.equal(total(full), 21_282_122);
  assert.equal(full.blocks.find((b) => b.name === 'stage3')?.paramNames.filter((n) => n.endsWith('conv1.weight')).length, 6);
  full.dispose();
  const narrow = build({ kind: 'resnet', depth: 34, width: 0.25 }, [16, 16, 3], 10);
  assert.deepEqual(narrow.params[0].variable.shape, [3, 3, 3, 16]);
  assert.deepEqual(narrow.forward(tf.zeros([1, 16, 16, 3]), false).shape, [1, 10]);
  narrow.dispose();
});

test('VGG-11 (BN, CIFAR form) has 9,231,114 params on 32x32x3; AlexNet (CIFAR form) 2,472,266', () => {
  const vgg = build({ kind: 'vgg11' }, [32, 32, 3], 10);
  assert.equal(total(vgg), 9_231_114);
  assert.deepEqual(vgg.blocks.map((b) => b.name), ['stage1', 'stage2', 'stage3', 'stage4', 'stage5', 'output']);
  vgg.dispose();
  const alex = build({ kind: 'alexnet' }, [32, 32, 3], 10);
  assert.equal(total(alex), 2_472_266);
  assert.deepEqual(alex.blocks.map((b) => b.name), ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'output']);
  assert.deepEqual(alex.forward(tf.zeros([1, 32, 32, 3]), false).shape, [1, 10]);
  alex.dispose();
});

test('narrow VGG-11 and AlexNet run on 28x28x1 (pools skipped at 1x1)', () => {
  for (const config of [{ kind: 'vgg11', width: 0.0625 }, { kind: 'alexnet', width: 0.125, dropout: 0.5 }]) {
    const model = build(config, [28, 28, 1], 10);
    const out = model.layers?.at(-1)?.outputShape;
    assert.deepEqual(out, [10]);
    assert.deepEqual(model.forward(tf.zeros([2, 28, 28, 1]), true).shape, [2, 10]);
    model.dispose();
  }
});

test('batch norm updates running statistics in training only, and evaluation uses them', () => {
  const model = build({ kind: 'resnet', depth: 18, width: 0.0625 }, [8, 8, 3], 4, 3);
  const mean = model.state?.find((s) => s.name === 'stem.bn.running_mean');
  assert.ok(mean);
  const x = tf.add(tf.randomNormal([4, 8, 8, 3], 0, 1, 'float32', 2), 3);
  model.forward(x, false);
  assert.ok(mean.variable.dataSync().every((v) => v === 0), 'evaluation leaves running stats alone');
  model.forward(x, true);
  assert.ok(mean.variable.dataSync().some((v) => v !== 0), 'training moves running stats');
  assert.equal(mean.variable.trainable, false);
  model.dispose();
});

test('a gradient-descent step lowers the loss of a narrow ResNet, VGG and a small ViT', () => {
  const x = tf.randomUniform([6, 8, 8, 3], 0, 1, 'float32', 4);
  const labels = oneHot([0, 1, 2, 0, 1, 2], 3);
  // Batch norm over 6 samples at 1x1 (VGG's last stages) makes the loss steep: a smaller step there.
  for (const [config, lr] of [
    [{ kind: 'resnet', depth: 18, width: 0.0625 }, 0.02],
    [{ kind: 'vgg11', width: 0.0625 }, 1e-4],
    [{ kind: 'vit', patchSize: 4, dim: 16, depth: 2, heads: 2, mlpDim: 32 }, 0.02],
  ] as const) {
    const model = build(config, [8, 8, 3], 3, 1);
    const before = tf.memory().numTensors;
    const losses = sgdSteps(model, x, labels, 2, lr);
    assert.ok(losses[1] < losses[0], `${config.kind}: loss ${losses.join(' → ')}`);
    assert.equal(tf.memory().numTensors, before, `${config.kind}: no tensor leaks per step`);
    model.dispose();
  }
});

test('LSTM language model: logits per position, 1 or 2 layers as blocks, training lowers the loss', () => {
  const vocab = 12;
  const ids = tf.tensor2d([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]], [2, 5], 'int32');
  const targets = oneHot([2, 3, 4, 5, 6, 4, 3, 2, 1, 0], vocab);
  for (const layers of [1, 2]) {
    const model = build({ kind: 'lstm', layers, embeddingDim: 8, hidden: 16 }, [5], vocab, 0, { task: 'language-model' });
    assert.deepEqual(model.blocks.map((b) => b.name), layers === 1 ? ['embedding', 'lstm0', 'output'] : ['embedding', 'lstm0', 'lstm1', 'output']);
    assert.deepEqual(model.params.find((p) => p.name === 'lstm0.weight_hh')?.variable.shape, [16, 64]);
    assert.deepEqual(model.forward(ids, false).shape, [10, vocab]);
    const losses = sgdSteps(model, ids, targets, 5, 1);
    assert.ok(losses[4] < losses[0], `lstm${layers}: ${losses.join(' → ')}`);
    model.dispose();
  }
});

test('LSTM classifier ignores padding (id 0) when pooling', () => {
  const model = build({ kind: 'lstm', layers: 1, embeddingDim: 4, hidden: 6 }, [4], 3, 0, { vocabSize: 10 });
  const a = model.forward(tf.tensor2d([[5, 6, 0, 0]], [1, 4], 'int32'), false);
  assert.deepEqual(a.shape, [1, 3]);
  // The same tokens with an extra real token differ; padding positions do not change the result of a shorter sequence's prefix average.
  const b = model.forward(tf.tensor2d([[5, 6, 7, 0]], [1, 4], 'int32'), false);
  assert.notDeepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
  model.dispose();
});

test('summarizeModel lists layers with output shapes and per-block counts', () => {
  const model = build({ kind: 'cnn', channels: [16, 32] }, [28, 28, 1], 10);
  const summary = summarizeModel(model);
  assert.equal(summary.paramCount, 12_810);
  assert.deepEqual(summary.blocks.map((b) => [b.name, b.paramCount, b.layers.map((l) => l.name)]), [
    ['conv1', 160, ['conv1', 'conv1.pool']],
    ['conv2', 4640, ['conv2', 'conv2.pool']],
    ['output', 8010, ['flatten', 'output']],
  ]);
  const text = formatModelSummary(summary);
  assert.match(text, /conv2\.pool\s+maxpool2\s+\[5, 5, 32\]\s+0/);
  model.dispose();
  const resnet = summarizeModel(build({ kind: 'resnet', depth: 18, width: 0.125 }, [32, 32, 3], 10));
  assert.ok(resnet.stateCount > 0);
  assert.deepEqual(resnet.blocks.find((b) => b.name === 'stage4')?.layers.at(-1)?.outputShape, [4, 4, 64]);
});

test('same seed, same ResNet weights; another seed, different ones', () => {
  const values = (m: Model) => m.params.slice(0, 3).map((p) => Array.from(p.variable.dataSync()));
  const a = build({ kind: 'resnet', depth: 18, width: 0.0625 }, [8, 8, 3], 10, 11);
  const b = build({ kind: 'resnet', depth: 18, width: 0.0625 }, [8, 8, 3], 10, 11);
  const c = build({ kind: 'resnet', depth: 18, width: 0.0625 }, [8, 8, 3], 10, 12);
  assert.deepEqual(values(a), values(b));
  assert.notDeepEqual(values(a), values(c));
  for (const m of [a, b, c]) m.dispose();
});

test('modelInputsFor turns a loaded text or language-model dataset into createModel arguments', async () => {
  const { modelInputsFor } = await import('../../../../../shared/ml/models/modelInputsFor.js');
  const text = modelInputsFor({
    type: 'text',
    data: { name: 't', classes: ['a', 'b', 'c'], vocabulary: ['<pad>', '<unk>', 'x', 'y'], maxLength: 6, train: { tokens: new Int32Array(6), labels: new Int32Array(1), count: 1 }, test: { tokens: new Int32Array(0), labels: new Int32Array(0), count: 0 } },
  });
  assert.deepEqual(text, { inputShape: [6], classes: 3, options: { task: 'classification', vocabSize: 4 } });
  const lm = modelInputsFor({ type: 'language-model', data: { name: 'l', level: 'word', vocabulary: ['a', '<unk>', '<eos>'], seqLength: 5, train: new Int32Array(0), valid: new Int32Array(0), test: new Int32Array(0) } });
  const model = build({ kind: 'lstm', layers: 1, embeddingDim: 4, hidden: 4 }, lm.inputShape, lm.classes, 0, lm.options);
  assert.deepEqual(model.forward(tf.zeros([2, 5], 'int32'), false).shape, [10, 3]);
  model.dispose();
});
