import { z } from 'zod';
import { dataPath, imageAugmentSchema, testLimit, trainLimit } from '../../../config/datasetFields.js';
import { described } from '../../../config/fieldDescriptions.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

export const cifar100 = defineDatasetKind({
  schema: z.strictObject({
    kind: z.literal('cifar100'),
    /** Folder with train.bin and test.bin; `<dataDir>/cifar-100-binary` when omitted. */
    path: dataPath('Folder with train.bin and test.bin; the data folder’s cifar-100-binary when empty.').optional(),
    /** The 100 fine classes or the 20 coarse superclasses. */
    label: described(z.enum(['fine', 'coarse']), { label: 'Labels', help: 'The 100 fine classes or the 20 coarse superclasses.' }).default('fine'),
    trainLimit: trainLimit(),
    testLimit: testLimit(),
    augment: imageAugmentSchema.optional(),
  }),
  title: 'CIFAR-100',
  samples: 'image',
  imageSize: () => [32, 32],
  modelInputs: (config) => ({ inputShape: [32, 32, 3], classes: config.label === 'coarse' ? 20 : 100, options: {}, assumptions: [] }),
});
