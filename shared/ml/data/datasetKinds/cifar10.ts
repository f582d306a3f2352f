import { z } from 'zod';
import { dataPath, imageAugmentSchema, testLimit, trainLimit } from '../../../config/datasetFields.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

export const cifar10 = defineDatasetKind({
  schema: z.strictObject({
    kind: z.literal('cifar10'),
    /** Folder with data_batch_1..5.bin and test_batch.bin; `<dataDir>/cifar-10-batches-bin` when omitted. */
    path: dataPath('Folder with data_batch_1..5.bin and test_batch.bin; the data folder’s cifar-10-batches-bin when empty.').optional(),
    trainLimit: trainLimit(),
    testLimit: testLimit(),
    augment: imageAugmentSchema.optional(),
  }),
  title: 'CIFAR-10',
  samples: 'image',
  imageSize: () => [32, 32],
  modelInputs: () => ({ inputShape: [32, 32, 3], classes: 10, options: {}, assumptions: [] }),
});
