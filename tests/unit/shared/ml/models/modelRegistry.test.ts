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
    assert.deepEqual(imageModelKinds, ['mlp', 'cnn', 'vgg11', 'resnet', 'alexnet', 'vit']);
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
});
