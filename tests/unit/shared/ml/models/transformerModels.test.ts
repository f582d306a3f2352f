import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { datasetConfigSchema } from '../../../../../shared/config/datasetConfig.js';
import { modelConfigSchema, modelDatasetMismatch } from '../../../../../shared/config/modelConfig.js';
import { createModel, type CreateModelOptions } from '../../../../../shared/ml/models/createModel.js';
import type { Model } from '../../../../../shared/ml/models/model.js';
import { oneHot, sgdSteps } from './sgdSteps.js';

/** Parameter counts of the full-size PyTorch definitions (torchvision, Hugging Face), from golden/make_transformer_golden.py. */
const torchCounts = (JSON.parse(readFileSync(path.join(import.meta.dirname, 'golden', 'transformerGolden.json'), 'utf8')) as { paramCounts: Record<string, number> }).paramCounts;

before(async () => {
  await tf.setBackend('cpu');
});

function build(config: unknown, inputShape: number[], classes: number, options?: CreateModelOptions): Model {
  return createModel(modelConfigSchema.parse(config), inputShape, classes, 0, options);
}

const total = (m: Model) => m.params.reduce((n, p) => n + p.variable.size, 0);

test('ViT-B/16, ViT-S/16 and ViT-Ti/16 at 224x224 have torchvision’s parameter counts', () => {
  for (const [config, count, torchName] of [
    [{ kind: 'vit', patchSize: 16, dim: 768, depth: 12, heads: 12, mlpDim: 3072 }, 86_567_656, 'vit_b_16'],
    [{ kind: 'vit', patchSize: 16, dim: 384, depth: 12, heads: 6, mlpDim: 1536 }, 22_050_664, 'vit_s_16'],
    [{ kind: 'vit', patchSize: 16, dim: 192, depth: 12, heads: 3, mlpDim: 768 }, 5_717_416, 'vit_ti_16'],
  ] as const) {
    const model = build(config, [224, 224, 3], 1000);
    assert.equal(total(model), count, torchName);
    assert.equal(count, torchCounts[torchName]);
    assert.equal(model.blocks.length, 14, `${torchName}: embed, 12 encoders, head`);
    model.dispose();
  }
});

test('ViT: blocks are embed, one per encoder, head, with torchvision’s names; patch size must divide the image', () => {
  const model = build({ kind: 'vit', patchSize: 4, dim: 32, depth: 3, heads: 4, mlpDim: 64 }, [28, 28, 1], 10);
  assert.deepEqual(model.blocks.map((b) => b.name), ['embed', 'encoder0', 'encoder1', 'encoder2', 'head']);
  assert.deepEqual(model.params.find((p) => p.name === 'encoder.pos_embedding')?.variable.shape, [1, 50, 32]);
  assert.deepEqual(model.params.find((p) => p.name === 'conv_proj.weight')?.variable.shape, [4, 4, 1, 32]);
  assert.deepEqual(model.blocks[2].paramNames, [
    'encoder.layers.encoder_layer_1.ln_1.weight',
    'encoder.layers.encoder_layer_1.ln_1.bias',
    'encoder.layers.encoder_layer_1.self_attention.in_proj_weight',
    'encoder.layers.encoder_layer_1.self_attention.in_proj_bias',
    'encoder.layers.encoder_layer_1.self_attention.out_proj.weight',
    'encoder.layers.encoder_layer_1.self_attention.out_proj.bias',
    'encoder.layers.encoder_layer_1.ln_2.weight',
    'encoder.layers.encoder_layer_1.ln_2.bias',
    'encoder.layers.encoder_layer_1.mlp.0.weight',
    'encoder.layers.encoder_layer_1.mlp.0.bias',
    'encoder.layers.encoder_layer_1.mlp.3.weight',
    'encoder.layers.encoder_layer_1.mlp.3.bias',
  ]);
  // torchvision starts the classifier at zero: the logits of a fresh model are all 0.
  const logits = model.forward(tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 1), false);
  assert.deepEqual(logits.shape, [2, 10]);
  assert.ok(logits.dataSync().every((v) => v === 0));
  model.dispose();
  assert.throws(() => build({ kind: 'vit', patchSize: 5 }, [28, 28, 1], 10), /patch size 5 does not divide the 28x28 input/);
  assert.throws(() => modelConfigSchema.parse({ kind: 'vit', dim: 30, heads: 4 }), /dim must be divisible by heads/);
});

test('BERT-base (bert-base-uncased’s vocabulary of 30522, 2 labels) has 109,483,778 parameters in embeddings, 12 encoder blocks, pooler and classifier', () => {
  const model = build({ kind: 'bert' }, [16], 2, { vocabSize: 30522 });
  assert.equal(total(model), 109_483_778);
  assert.equal(torchCounts.bert_base_uncased_2_labels, 109_483_778);
  assert.deepEqual(model.blocks.map((b) => b.name), ['embeddings', ...Array.from({ length: 12 }, (_, i) => `encoder${i}`), 'pooler', 'classifier']);
  assert.ok(model.params.some((p) => p.name === 'bert.encoder.layer.11.attention.output.LayerNorm.weight'));
  // The [PAD] row (id 0) starts at zero, as nn.Embedding(padding_idx=0).
  const words = model.params.find((p) => p.name === 'bert.embeddings.word_embeddings.weight')?.variable;
  assert.ok(words && tf.tidy(() => tf.slice(words, [0, 0], [1, 768]).dataSync().every((v) => v === 0)));
  model.dispose();
});

test('BERT masks padding: a padded sequence gives the logits of the same tokens unpadded', () => {
  const config = { kind: 'bert', hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 8 };
  const padded = build(config, [6], 3, { vocabSize: 20 });
  const short = build(config, [3], 3, { vocabSize: 20 });
  const a = padded.forward(tf.tensor2d([[2, 7, 3, 0, 0, 0]], undefined, 'int32'), false).dataSync();
  const b = short.forward(tf.tensor2d([[2, 7, 3]], undefined, 'int32'), false).dataSync();
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-5, `logit ${i}: ${v} vs ${b[i]}`));
  const other = padded.forward(tf.tensor2d([[2, 7, 3, 9, 0, 0]], undefined, 'int32'), false).dataSync();
  assert.ok(Math.abs(other[0] - a[0]) > 1e-6, 'a real token changes the logits');
  assert.throws(() => build(config, [9], 3, { vocabSize: 20 }), /9 tokens per sample exceed its 8 positions/);
  assert.throws(() => build(config, [6], 20, { task: 'language-model' }), /BERT classifies sequences/);
  padded.dispose();
  short.dispose();
});

test('a small BERT trains: SGD steps lower the loss without leaking tensors; dropout acts in training only', () => {
  const config = { kind: 'bert', hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 8 };
  const ids = tf.tensor2d([[2, 5, 6, 3, 0], [2, 9, 3, 0, 0], [2, 5, 5, 6, 3], [2, 11, 12, 3, 0]], undefined, 'int32');
  const model = build({ ...config, dropout: 0, attentionDropout: 0 }, [5], 2, { vocabSize: 30 });
  const targets = oneHot([0, 1, 0, 1], 2);
  const before = tf.memory().numTensors;
  const losses = sgdSteps(model, ids, targets, 4, 1);
  losses.slice(1).forEach((loss, i) => assert.ok(loss < losses[i], `loss ${losses.join(' → ')}`));
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
  const dropping = build(config, [5], 2, { vocabSize: 30 });
  const values = (training: boolean) => Array.from(dropping.forward(ids, training).dataSync());
  assert.deepEqual(values(false), values(false));
  assert.notDeepEqual(values(true), values(false));
  dropping.dispose();
});

test('BERT takes text classification data, not language modeling', () => {
  const bert = modelConfigSchema.parse({ kind: 'bert' });
  assert.equal(modelDatasetMismatch(bert, datasetConfigSchema.parse({ kind: 'text-csv', path: 'ag' })), undefined);
  assert.match(modelDatasetMismatch(bert, datasetConfigSchema.parse({ kind: 'text-lm', path: 'ptb' })) ?? '', /BERT model classifies texts/);
  assert.match(modelDatasetMismatch(bert, datasetConfigSchema.parse({ kind: 'mnist' })) ?? '', /needs a text dataset/);
});
