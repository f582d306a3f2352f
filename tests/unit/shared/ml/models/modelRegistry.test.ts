import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { z } from 'zod';
import { fieldDescriptionOf } from '../../../../../shared/config/fieldDescriptions.js';
import { imageModelKinds, modelConfigSchema, sequenceModelKinds } from '../../../../../shared/config/modelConfig.js';
import { modelBackendNeeds } from '../../../../../shared/ml/models/backendNeeds.js';
import { createModel } from '../../../../../shared/ml/models/createModel.js';
import { modelDefinition, modelDefinitions } from '../../../../../shared/ml/models/modelRegistry.js';

const kinds = modelDefinitions.map((d) => d.schema.shape.kind.value);

describe('the model registry is the one list of model kinds', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('the config union, the input-kind lists and the backend needs derive from it', () => {
    assert.deepEqual(
      modelConfigSchema.options.map((o) => o.shape.kind.value),
      kinds,
    );
    assert.deepEqual(imageModelKinds, ['mlp', 'cnn', 'vgg11', 'resnet', 'alexnet', 'vit', 'efficientnet-v2-s', 'densenet-121']);
    assert.deepEqual(sequenceModelKinds, ['lstm', 'bert']);
    for (const kind of kinds) assert.deepEqual(modelBackendNeeds(modelConfigSchema.parse({ kind })), modelDefinition(kind).backendNeeds, kind);
    assert.equal(modelBackendNeeds(modelConfigSchema.parse({ kind: 'resnet' })).convolutions, true);
    assert.equal(modelBackendNeeds(modelConfigSchema.parse({ kind: 'lstm' })).embeddingGradients, true);
  });

  it('every field of every model has a label and help', () => {
    for (const definition of modelDefinitions) {
      for (const [key, field] of Object.entries(definition.schema.shape as unknown as Record<string, z.ZodType>)) {
        if (key === 'kind') continue;
        const text = fieldDescriptionOf(field);
        assert.ok(text && text.label && text.help, `${definition.title}.${key}`);
      }
    }
  });

  it('createModel builds each kind through its definition, and refuses an input of the wrong rank', () => {
    const cnn = createModel(modelConfigSchema.parse({ kind: 'cnn' }), [28, 28, 1], 10, 1);
    assert.ok(new Set(cnn.params.map((p) => p.block)).size > 1, 'named blocks from the builder');
    cnn.dispose();
    assert.throws(() => createModel(modelConfigSchema.parse({ kind: 'cnn' }), [784], 10, 1), /a CNN needs image input \[height, width, channels\], got \[784\]/);
    assert.throws(() => createModel(modelConfigSchema.parse({ kind: 'lstm' }), [28, 28, 1], 10, 1), /an LSTM needs token input/);
    assert.throws(() => modelDefinition('transformer-xl'), /no model definition for transformer-xl/);
  });

  it('every definition declares the named blocks its builder gives the parameters, in order', () => {
    // Small configs of each kind (several where the blocks depend on the config).
    const configs: Array<{ config: unknown; input: number[]; classes?: number }> = [
      { config: { kind: 'mlp', hidden: [4, 3] }, input: [4, 4, 1] },
      { config: { kind: 'mlp', hidden: [] }, input: [4, 4, 1] },
      { config: { kind: 'cnn', channels: [2, 2] }, input: [12, 12, 1] },
      { config: { kind: 'point' }, input: [2] },
      { config: { kind: 'vgg11', width: 0.03125 }, input: [32, 32, 3] },
      { config: { kind: 'resnet', width: 0.03125 }, input: [8, 8, 3] },
      { config: { kind: 'alexnet', width: 0.03125 }, input: [32, 32, 3] },
      { config: { kind: 'lstm', layers: 1, hidden: 4, embeddingDim: 3 }, input: [5] },
      { config: { kind: 'lstm', layers: 2, hidden: 4, embeddingDim: 3 }, input: [5] },
      { config: { kind: 'vit', dim: 8, depth: 3, heads: 2, mlpDim: 8 }, input: [8, 8, 3] },
      { config: { kind: 'efficientnet-v2-s', width: 0.0625, depth: 0.1 }, input: [32, 32, 3] },
      { config: { kind: 'bert', layers: 2, hidden: 8, heads: 2, intermediate: 8, maxPositions: 8 }, input: [5] },
      { config: { kind: 'densenet-121', growthRate: 2, blockConfig: [1, 1, 1, 1], initFeatures: 4, bnSize: 1 }, input: [32, 32, 3] },
    ];
    assert.deepEqual(new Set(configs.map((c) => (c.config as { kind: string }).kind)), new Set(kinds), 'every kind is checked');
    for (const { config, input } of configs) {
      const parsed = modelConfigSchema.parse(config);
      const model = createModel(parsed, input, 3, 1, parsed.kind === 'lstm' || parsed.kind === 'bert' ? { vocabSize: 7 } : {});
      assert.deepEqual(model.blocks.map((b) => b.name), modelDefinition(parsed.kind).blocks(parsed as never), JSON.stringify(config));
      model.dispose();
    }
    assert.deepEqual(modelDefinition('efficientnet-v2-s').blocks(modelConfigSchema.parse({ kind: 'efficientnet-v2-s' }) as never), [
      'block0', 'block1', 'block2', 'block3', 'block4', 'block5', 'block6', 'block7',
    ]);
  });
});
