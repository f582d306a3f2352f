import { z } from 'zod';
import { imageAugmentSchema, testLimit, trainLimit } from '../../../config/datasetFields.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

export const fashionMnist = defineDatasetKind({
  schema: z.strictObject({ kind: z.literal('fashion-mnist'), trainLimit: trainLimit(), testLimit: testLimit(), augment: imageAugmentSchema.optional() }),
  title: 'Fashion-MNIST',
  samples: 'image',
  imageSize: () => [28, 28],
  modelInputs: () => ({ inputShape: [28, 28, 1], classes: 10, options: {}, assumptions: [] }),
});
