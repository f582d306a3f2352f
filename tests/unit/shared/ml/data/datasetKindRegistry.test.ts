import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { datasetConfigSchema, datasetImageSize, datasetSampleKind, isImageDatasetConfig } from '../../../../../shared/config/datasetConfig.js';
import { fieldDescriptionOf } from '../../../../../shared/config/fieldDescriptions.js';
import { datasetKindDefinition, datasetKindDefinitions } from '../../../../../shared/ml/data/datasetKindRegistry.js';

const kinds = datasetKindDefinitions.map((d) => d.schema.shape.kind.value);
const parse = (input: unknown) => datasetConfigSchema.parse(input);

describe('the dataset-kind registry is the one list of dataset kinds', () => {
  it('the config union and the sample kinds derive from it', () => {
    assert.deepEqual(
      datasetConfigSchema.options.map((o) => o.shape.kind.value),
      kinds,
    );
    assert.deepEqual(kinds.filter((kind) => datasetKindDefinition(kind).samples === 'image'), ['fashion-mnist', 'mnist', 'cifar10', 'cifar100', 'image-folder', 'tiny-imagenet']);
    assert.equal(isImageDatasetConfig(parse({ kind: 'cifar100' })), true);
    assert.equal(isImageDatasetConfig(parse({ kind: 'text-csv', path: 'ag' })), false);
    assert.equal(datasetSampleKind(parse({ kind: 'text-lm', path: 'ptb' })), 'token-stream');
    assert.equal(datasetSampleKind(parse({ kind: 'cola', path: 'cola_public' })), 'text');
    assert.equal(datasetSampleKind(parse({ kind: 'surface', surface: 'beale' })), 'surface');
  });

  it('image sizes come from the definitions: fixed, or the image folder’s own', () => {
    assert.deepEqual(datasetImageSize(parse({ kind: 'mnist' })), [28, 28]);
    assert.deepEqual(datasetImageSize(parse({ kind: 'cifar10' })), [32, 32]);
    assert.deepEqual(datasetImageSize(parse({ kind: 'image-folder', path: 'x', imageSize: [64, 48] })), [64, 48]);
    assert.equal(datasetImageSize(parse({ kind: 'text-csv', path: 'ag' })), undefined);
  });

  it('every field of every kind has a label and help, and unknown fields are refused', () => {
    for (const definition of datasetKindDefinitions) {
      for (const [key, field] of Object.entries(definition.schema.shape as unknown as Record<string, z.ZodType>)) {
        if (key === 'kind' || key === 'augment') continue;
        const text = fieldDescriptionOf(field);
        assert.ok(text && text.label && text.help, `${definition.title}.${key}`);
      }
    }
    assert.equal(datasetConfigSchema.safeParse({ kind: 'mnist', trainlimit: 5 }).success, false);
    assert.equal(datasetConfigSchema.safeParse({ kind: 'mnist', augment: { flip: true } }).success, false);
    assert.throws(() => datasetKindDefinition('imagenet'), /no dataset kind imagenet/);
  });
});
