import { z } from 'zod';
import { dataPath, imageAugmentSchema, testFraction, testLimit, trainLimit } from '../../../config/datasetFields.js';
import { described } from '../../../config/fieldDescriptions.js';
import { defineDatasetKind } from './datasetKindDefinition.js';

export const imageFolder = defineDatasetKind({
  schema: z.strictObject({
    kind: z.literal('image-folder'),
    /** A folder with one sub-folder of PNG/JPEG images per class, or with train/ and test/ holding such sub-folders. */
    path: dataPath('One sub-folder of PNG/JPEG images per class (or train/ and test/ holding such); relative paths are looked up in the data folder.'),
    /** Every image is resized (bilinear) to [height, width]. */
    imageSize: described(z.tuple([z.number().int().min(4).max(512), z.number().int().min(4).max(512)]), {
      label: 'Image size (h, w)',
      help: 'Every image is resized (bilinear) to this size.',
    }).default([32, 32]),
    channels: described(z.union([z.literal(1), z.literal(3)]), { label: 'Channels', help: '1: grayscale, 3: RGB.' }).default(3),
    testFraction: testFraction(0.2),
    trainLimit: trainLimit(),
    testLimit: testLimit(),
    augment: imageAugmentSchema.optional(),
  }),
  title: 'Image folder',
  description: 'One sub-folder of images per class.',
  samples: 'image',
  imageSize: (config) => config.imageSize,
  modelInputs: (config) => ({ inputShape: [...config.imageSize, config.channels], classes: 10, options: {}, assumptions: ['10 classes assumed (the folder decides)'] }),
});
